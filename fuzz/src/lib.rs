//! Shared invariants for the fuzz targets; see `invariants.rs`.
pub mod invariants;
