//! The marks kascore leaves in the workbooks it writes, by which it knows them again: read by
//! the reader (skip our own reports, the template's instructions sheet) and by `--previous`,
//! written by the report and the template.
//!
//! Pure constants.

/// The document property that marks a workbook as a kascore report (its value: the version).
pub const REPORT_MARKER: &str = "kascore-report";

/// The document property that marks a kascore template: its instructions sheet is not data.
pub const TEMPLATE_MARKER: &str = "kascore-template";

/// The report's very hidden data tab, read back by `--previous`.
pub const DATA_TAB: &str = "kascore-data";

/// The data tab's header, which identifies it whatever it is renamed to: exactly what
/// `--previous` reads back (reports of 0.1.0 had two more columns after these, and still match).
pub const DATA_HEADER: [&str; 6] = ["kascore_key", "name", "grade", "score", "expected_close", "flags"];

/// The data tab's seventh column (since 0.2): the account's value segment, for the changes.
pub const DATA_SEGMENT: &str = "segment";

/// The data tab's columns after the segment (since the v2 changes): the owner, the stage key,
/// the receivables balance and overdue amount, then each factor's points under
/// `points_` and the factor's JSON key ([`DATA_POINTS`]) (empty when unknown). `--previous` finds them by header; a report
/// without them is still read, and these figures are then unknown and not compared.
pub const DATA_OWNER: &str = "owner";
pub const DATA_STAGE: &str = "stage";
pub const DATA_RECEIVABLES: &str = "receivables";
pub const DATA_OVERDUE: &str = "overdue";
pub const DATA_PROVISION: &str = "provision";
/// `points_` and the factor's JSON key, in factor order.
pub const DATA_POINTS: [&str; 8] = [
    "points_need_budget",
    "points_integrity_credit",
    "points_financial_strength",
    "points_fit",
    "points_relationship",
    "points_competitive",
    "points_timing",
    "points_added_value",
];

/// The prefixes of a pre-filled template's reference columns ("参考·预计金额"): what the exports
/// said when the template was made, shown greyed beside the columns to fill in and never read
/// back (the exports stay the source of those figures).
pub const REFERENCE_PREFIXES: [&str; 2] = ["参考·", "Ref·"];
