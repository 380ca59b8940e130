//! Work spread over the cores in small blocks handed out on demand, so
//! uneven items (file sizes, numbers of findings) keep every thread busy.

use std::sync::Mutex;

/// The number of threads to use, asked once per process (the standard
/// library reads cgroup files every time).
pub fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Calls `work` on consecutive blocks of up to `block` items, on up to
/// `available_parallelism` threads (the calling one included).
pub fn for_each_block<T: Send>(items: &mut [T], block: usize, work: impl Fn(&mut [T]) + Sync) {
    let threads = threads();
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

/// Renders `items` in blocks of `block` on every core and hands each
/// block's text to `write`, in order. Blocks are rendered `wave` at a time
/// into the same buffers, so a report of megabytes is neither held whole
/// nor fresh memory throughout (its page faults cost more than rendering).
pub fn render_in_order<T: Sync>(
    items: &[T],
    block: usize,
    wave: usize,
    render: impl Fn(&[T], &mut Vec<u8>) + Sync,
    mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let block = block.max(1);
    let mut buffers = vec![Vec::new(); wave.max(1)];
    for items in items.chunks(block * buffers.len()) {
        let mut blocks: Vec<_> = items.chunks(block).zip(&mut buffers).collect();
        for_each_block(&mut blocks, 1, |blocks| {
            for (items, text) in blocks {
                text.clear();
                render(items, text);
            }
        });
        for (_, text) in blocks {
            write(text)?;
        }
    }
    Ok(())
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

    #[test]
    fn renders_every_item_once_in_order() {
        for n in [0, 1, 5, 6, 7, 29, 30, 31, 100] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            render_in_order(
                &items,
                3,
                2,
                |block, text| {
                    text.extend(
                        block
                            .iter()
                            .map(|i| format!("{i},"))
                            .flat_map(String::into_bytes),
                    )
                },
                |text| {
                    out.extend_from_slice(text);
                    Ok(())
                },
            )
            .unwrap();
            let expected: String = items.iter().map(|i| format!("{i},")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{n}");
        }
    }
}
