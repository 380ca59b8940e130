//! Shared test helpers.
#![allow(dead_code)]

pub mod secret_cases;
pub mod strategies;
pub mod vendors;
