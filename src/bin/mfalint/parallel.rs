//! Work spread over the cores in small blocks handed out on demand, so
//! uneven items (file sizes, numbers of findings) keep every thread busy.

use std::sync::Mutex;

/// Calls `work` on consecutive blocks of up to `block` items, on up to
/// `available_parallelism` threads (the calling one included).
pub fn for_each_block<T: Send>(items: &mut [T], block: usize, work: impl Fn(&mut [T]) + Sync) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let helpers = threads
        .min(items.len().div_ceil(block.max(1)))
        .saturating_sub(1);
    let blocks = Mutex::new(items.chunks_mut(block.max(1)));
    // The lock is released inside `next`, before the block is worked on.
    let next = || blocks.lock().ok().and_then(|mut b| b.next());
    let run = || {
        while let Some(b) = next() {
            work(b);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..helpers {
            scope.spawn(run);
        }
        run();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_once_in_place() {
        for n in [0, 1, 31, 32, 33, 1000] {
            let mut items: Vec<(usize, usize)> = (0..n).map(|i| (i, 0)).collect();
            for_each_block(&mut items, 32, |block| {
                for (i, out) in block {
                    *out += *i * 2;
                }
            });
            assert!(items.iter().all(|(i, out)| *out == i * 2), "{n}");
        }
    }
}
