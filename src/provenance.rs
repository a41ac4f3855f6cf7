//! Where a value came from: file, sheet, and the cell as Excel shows it.
//!
//! Pure. Rows and columns are absolute and 0-based inside the program; they become "C17" only
//! when shown. calamine ranges do not always start at A1, so readers add `Range::start()` before
//! a position becomes a [`CellRef`].

use std::fmt;
use std::sync::Arc;

/// Rows in an Excel worksheet (1-based row 1,048,576 is the last).
pub const EXCEL_ROWS: u32 = 1_048_576;

/// A file and sheet, shared cheaply by every row and issue that comes from them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SheetRef {
    /// The file's path as the user gave it (or as found under a folder they gave).
    pub file: Arc<str>,
    /// The sheet's name; a CSV file has one sheet named after the file.
    pub sheet: Arc<str>,
}

/// A file's name without its folders, as reports and messages show it.
pub fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string())
}

/// An absolute, 0-based cell position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    pub row: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(row: u32, col: u32) -> Pos {
        Pos { row, col }
    }
}

impl fmt::Display for Pos {
    /// "C17": the column letters and the 1-based row, as Excel shows them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.col), u64::from(self.row) + 1)
    }
}

/// Excel's column letters for a 0-based column: 0 → "A", 25 → "Z", 26 → "AA".
///
/// ```
/// assert_eq!(kascore::provenance::column_letters(0), "A");
/// assert_eq!(kascore::provenance::column_letters(27), "AB");
/// assert_eq!(kascore::provenance::column_letters(16_383), "XFD");
/// ```
pub fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        for (row, col, name) in [
            (0, 0, "A1"),
            (16, 2, "C17"),
            (0, 25, "Z1"),
            (9, 26, "AA10"),
            (0, 701, "ZZ1"),
            (0, 702, "AAA1"),
            (1_048_575, 16_383, "XFD1048576"),
        ] {
            assert_eq!(Pos::new(row, col).to_string(), name);
        }
    }
}
