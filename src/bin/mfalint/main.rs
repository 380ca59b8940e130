//! `mfalint`: lints MFA server profile payload files. The command line
//! lives in the library (`mfalint::cli`, feature `cli`), so that tests and
//! fuzz targets drive exactly what this binary runs.

fn main() -> std::process::ExitCode {
    mfalint::cli::main()
}
