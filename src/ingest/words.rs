//! The vocabularies of word columns whose words come from the model: stages (seed 004's five,
//! won and lost, and a CRM's own stage words), deal status and promise status.
//!
//! Pure. A word matches inside a cell after folding (width, case, Traditional → Simplified); a
//! negated word (未成交, not won) is no match (see `row::lookup`).

use std::sync::OnceLock;

use super::row::lookup;
use super::{DealStatus, ItemStatus, PromiseStatus, Stage};
use crate::model::Model;
use crate::values::text::clean;

/// Stage and status words, built once from the model.
#[derive(Debug, Clone)]
pub struct StageWords {
    /// Tells this vocabulary's remembered answers from another's (see [`remembered`]).
    id: u64,
    /// Won and lost first: "已成交" wins over an open stage word in the same cell.
    stages: Vec<(Vec<String>, Stage, Option<Stage>)>,
    open: Vec<(Vec<String>, (), Option<()>)>,
    promise: Vec<(Vec<String>, PromiseStatus, Option<PromiseStatus>)>,
    item: Vec<(Vec<String>, ItemStatus, Option<ItemStatus>)>,
}

impl Stage {
    /// Every stage, in seed 004's order, won and lost last.
    pub const ALL: [Stage; 7] = ALL_STAGES;

    /// The canonical key (JSON `stage`, the model's `[stages]`).
    pub fn key(self) -> &'static str {
        crate::source::STAGE_KEYS[self as usize]
    }

    pub fn from_key(key: &str) -> Option<Stage> {
        ALL_STAGES.into_iter().find(|s| s.key() == key)
    }

    /// The stage as the report shows it (seed 004's names).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        use crate::labels;
        match self {
            Stage::Targeting => labels::STAGE_TARGETING,
            Stage::InfoGathering => labels::STAGE_INFO_GATHERING,
            Stage::ValueAssessment => labels::STAGE_VALUE_ASSESSMENT,
            Stage::Relationship => labels::STAGE_RELATIONSHIP,
            Stage::Closing => labels::STAGE_CLOSING,
            Stage::Won => labels::STAGE_WON,
            Stage::Lost => labels::STAGE_LOST,
        }
        .get(lang)
    }

    /// Whether the stage is history (won or lost), not an open deal.
    pub fn closed(self) -> bool {
        matches!(self, Stage::Won | Stage::Lost)
    }
}

impl StageWords {
    pub fn new(model: &Model) -> StageWords {
        let words = |list: &[String]| list.iter().map(|w| clean(w).into_owned()).collect::<Vec<_>>();
        let mut stages = Vec::new();
        for key in ["won", "lost", "identify", "collect_info", "value_assessment", "relationship", "close"] {
            if let (Some(list), Some(stage)) = (model.stages.get(key), Stage::from_key(key)) {
                stages.push((words(list), stage, None));
            }
        }
        let p = &model.promise_status;
        StageWords {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            stages,
            open: vec![(words(&model.deal_status.open), (), None)],
            promise: vec![
                (words(&p.not_kept), PromiseStatus::NotKept, None),
                (words(&p.kept), PromiseStatus::Kept, Some(PromiseStatus::NotKept)),
                (words(&p.open), PromiseStatus::Open, None),
            ],
            item: vec![
                (words(&model.item_status.cancelled), ItemStatus::Cancelled, None),
                (words(&model.item_status.open), ItemStatus::Open, None),
                (words(&model.item_status.settled), ItemStatus::Settled, Some(ItemStatus::Open)),
            ],
        }
    }

    /// The default model's words.
    pub fn builtin() -> &'static StageWords {
        static WORDS: OnceLock<StageWords> = OnceLock::new();
        WORDS.get_or_init(|| match Model::default_model() {
            Ok(m) => StageWords::new(&m),
            // The embedded model is checked by a unit test; without it no word is known.
            Err(_) => {
                StageWords { id: u64::MAX, stages: Vec::new(), open: Vec::new(), promise: Vec::new(), item: Vec::new() }
            }
        })
    }

    /// The development stage (seed 004) from its words or its number as a stage ("阶段3").
    ///
    /// A negated won or lost word (未成交, 没有丢单, not won) means "open, stage unknown": it
    /// maps to nothing, and another stage word in the cell still counts.
    pub fn stage(&self, s: &str) -> Option<Stage> {
        decode(remembered(self.id, 0, s, || encode(self.stage_of(s))), ALL_STAGES)
    }

    fn stage_of(&self, s: &str) -> Option<Stage> {
        let t = clean(s).to_lowercase();
        if let Some(stage) = lookup(&t, &self.stages) {
            return Some(stage);
        }
        let n = t.trim_start_matches("阶段").trim_start_matches("stage").trim();
        // A number alone is not a stage (a row number or an amount in the wrong column): only a
        // number named as a stage is, "阶段3", "Stage 3", "3阶段", "第三阶段".
        let named = n.len() != t.len() || ["阶段", "stage"].iter().any(|w| t.contains(w));
        if !named {
            return None;
        }
        match n.trim_start_matches('第').chars().next() {
            Some('1' | '一') => Some(Stage::Targeting),
            Some('2' | '二') => Some(Stage::InfoGathering),
            Some('3' | '三') => Some(Stage::ValueAssessment),
            Some('4' | '四') => Some(Stage::Relationship),
            Some('5' | '五') => Some(Stage::Closing),
            _ => None,
        }
    }

    /// A deal's status: won and lost words, open words (进行中, Open), or an open stage word.
    pub fn deal_status(&self, s: &str) -> Option<DealStatus> {
        const ALL: [DealStatus; 3] = [DealStatus::Open, DealStatus::Won, DealStatus::Lost];
        let code = remembered(self.id, 1, s, || encode(self.deal_status_of(s).map(|d| d as u8)));
        decode(code, ALL)
    }

    fn deal_status_of(&self, s: &str) -> Option<DealStatus> {
        let t = clean(s).to_lowercase();
        if lookup(&t, &self.open).is_some() {
            return Some(DealStatus::Open);
        }
        match self.stage(s)? {
            Stage::Won => Some(DealStatus::Won),
            Stage::Lost => Some(DealStatus::Lost),
            _ => Some(DealStatus::Open),
        }
    }

    /// An invoice's or order line's status: open (未收, Open, Partial), settled (已收, 已核销,
    /// Paid), cancelled (已取消, 交易关闭, Void). A negated settled word (未收款) is open.
    pub fn item_status(&self, s: &str) -> Option<ItemStatus> {
        const ALL: [ItemStatus; 3] = [ItemStatus::Open, ItemStatus::Settled, ItemStatus::Cancelled];
        let code = remembered(self.id, 2, s, || encode(lookup(&clean(s).to_lowercase(), &self.item).map(|x| x as u8)));
        decode(code, ALL)
    }

    /// A promise's status: kept (已兑现), not kept (未兑现, 失信), open (进行中).
    pub fn promise_status(&self, s: &str) -> Option<PromiseStatus> {
        const ALL: [PromiseStatus; 3] = [PromiseStatus::Kept, PromiseStatus::NotKept, PromiseStatus::Open];
        let code =
            remembered(self.id, 3, s, || encode(lookup(&clean(s).to_lowercase(), &self.promise).map(|x| x as u8)));
        decode(code, ALL)
    }
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

const ALL_STAGES: [Stage; 7] = [
    Stage::Targeting,
    Stage::InfoGathering,
    Stage::ValueAssessment,
    Stage::Relationship,
    Stage::Closing,
    Stage::Won,
    Stage::Lost,
];

/// An answer as a byte: its variant's number, or 255 for none.
fn encode<T: Into<u8>>(v: Option<T>) -> u8 {
    v.map_or(u8::MAX, Into::into)
}

fn decode<T: Copy, const N: usize>(code: u8, all: [T; N]) -> Option<T> {
    all.get(usize::from(code)).copied()
}

impl From<Stage> for u8 {
    fn from(s: Stage) -> u8 {
        s as u8
    }
}

/// Cells longer than this are worked out each time, not remembered.
const REMEMBER_BYTES: usize = 64;

/// Distinct cells remembered per thread before the memory is cleared.
const REMEMBER_CELLS: usize = 4096;

thread_local! {
    /// (vocabulary, question, cell) → answer, by a hash of the three; the cell is kept to check.
    static REMEMBERED: std::cell::RefCell<std::collections::HashMap<u64, (Box<str>, u8)>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// A word column's cell worked out once per thread: a stage or status column holds a handful of
/// distinct words over a million rows, and matching a cell against every word of a vocabulary
/// (negations included) costs microseconds.
fn remembered(id: u64, question: u8, cell: &str, work_out: impl FnOnce() -> u8) -> u8 {
    if cell.len() > REMEMBER_BYTES {
        return work_out();
    }
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (id, question, cell).hash(&mut h);
    let key = h.finish();
    let known = REMEMBERED.with(|m| m.borrow().get(&key).filter(|(c, _)| **c == *cell).map(|(_, v)| *v));
    if let Some(v) = known {
        return v;
    }
    let v = work_out();
    REMEMBERED.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= REMEMBER_CELLS {
            m.clear();
        }
        m.insert(key, (cell.into(), v));
    });
    v
}

/// The development stage from its words in the default model, or its number as a stage.
///
/// ```
/// use kascore::ingest::{row::parse_stage, Stage};
/// assert_eq!(parse_stage("阶段三：价值评估"), Some(Stage::ValueAssessment));
/// assert_eq!(parse_stage("關係建立"), Some(Stage::Relationship));
/// assert_eq!(parse_stage("closing"), Some(Stage::Closing));
/// assert_eq!(parse_stage("Closed Won"), Some(Stage::Won));
/// assert_eq!(parse_stage("未成交"), None);
/// // CRM words (SPEC §1c): Prospecting → 信息收集, Proposal → 关系建立, Negotiation → 促成合作.
/// assert_eq!(parse_stage("Prospecting"), Some(Stage::InfoGathering));
/// assert_eq!(parse_stage("Qualification"), Some(Stage::ValueAssessment));
/// assert_eq!(parse_stage("Proposal/Price Quote"), Some(Stage::Relationship));
/// assert_eq!(parse_stage("Negotiation/Review"), Some(Stage::Closing));
/// // A number is a stage only when it is named as one: 1 and 37 in a stage column are reported.
/// assert_eq!(parse_stage("阶段3"), Some(Stage::ValueAssessment));
/// assert_eq!(parse_stage("第三阶段"), Some(Stage::ValueAssessment));
/// assert_eq!(parse_stage("1"), None);
/// assert_eq!(parse_stage("37"), None);
/// ```
pub fn parse_stage(s: &str) -> Option<Stage> {
    StageWords::builtin().stage(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deal_and_promise_statuses() {
        let w = StageWords::builtin();
        assert_eq!(w.deal_status("进行中"), Some(DealStatus::Open));
        assert_eq!(w.deal_status("Open"), Some(DealStatus::Open));
        assert_eq!(w.deal_status("赢单"), Some(DealStatus::Won));
        assert_eq!(w.deal_status("Closed Lost"), Some(DealStatus::Lost));
        assert_eq!(w.deal_status("未成交"), Some(DealStatus::Open));
        assert_eq!(w.deal_status("谈判中"), Some(DealStatus::Open));
        assert_eq!(w.deal_status("搁置"), None);
        assert_eq!(w.promise_status("已兑现"), Some(PromiseStatus::Kept));
        assert_eq!(w.promise_status("未兑现"), Some(PromiseStatus::NotKept));
        assert_eq!(w.promise_status("兌現"), Some(PromiseStatus::Kept));
        assert_eq!(w.promise_status("进行中"), Some(PromiseStatus::Open));
        assert_eq!(w.promise_status("未完成"), Some(PromiseStatus::NotKept));
        assert_eq!(w.promise_status("Kept"), Some(PromiseStatus::Kept));
        assert_eq!(w.promise_status("Not kept"), Some(PromiseStatus::NotKept));
    }

    #[test]
    fn stage_keys_round_trip() {
        for key in crate::source::STAGE_KEYS {
            assert_eq!(Stage::from_key(key).map(Stage::key), Some(key));
        }
    }
}
