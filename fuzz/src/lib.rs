//! Shared invariants for the fuzz targets; see `invariants.rs`.
pub mod faces;
pub mod invariants;
