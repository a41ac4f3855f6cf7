//! Pure value parsers: one file per kind of cell, each with its table of real-world cases.
//!
//! No I/O, no clock, no panics on any input. Vague words are values, not errors.
pub mod credit;
pub mod date;
pub mod header;
pub mod money;
pub mod name;
pub mod percent;
pub mod rating;
pub mod terms;
pub mod text;
pub mod yesno;
