//! Every fixed text of the report in both languages: one entry a text, its Chinese and its
//! English side by side, so that a label is written once and a missing translation cannot
//! hide in a branch. Sentences with values in them are built where they are used.
//!
//! Pure constants.

use crate::Lang;

/// A text in both report languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Text {
        Text { zh, en }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

macro_rules! labels {
    ($($name:ident = $zh:literal, $en:literal;)*) => {
        $(pub const $name: Text = Text::new($zh, $en);)*

        /// Every label with its name, for the tests.
        pub const ALL: &[(&str, Text)] = &[$((stringify!($name), $name),)*];
    };
}

labels! {
    RESOURCE_ALLOCATION_ATTACK_DEFEND_MODEL = "资源分配（攻守模型）", "Resource allocation (attack / defend model)";
    QUADRANT_SHORT = "象限", "Quadrant";
    ACCOUNTS = "客户数", "Accounts";
    DEAL_VALUE_TOTAL = "预计金额合计", "Deal value";
    TIME_RATIO = "时间比例", "Time ratio";
    PEOPLE_RATIO = "人力比例", "People ratio";
    MONEY_RATIO = "资金比例", "Money ratio";
    HOURS = "工时", "Hours";
    PEOPLE_FTE = "人力 (FTE)", "People (FTE)";
    MONEY = "资金", "Money";
    BALANCED_SCORECARD_FOCUS = "平衡计分卡重点", "Balanced-scorecard focus";
    NOTE_EVERY_QUADRANT_WITH_ACCOUNTS_HAS_A_RATIO_OF_0_NOTHING_WAS_ALLOCATED = "说明：有客户的象限比例均为 0，本期未分配资源。", "Note: every quadrant with accounts has a ratio of 0; nothing was allocated.";
    EACH_ACCOUNT_GETS_A_SHARE_BY_GRADE_WEIGHT_AND_SCORE = "每个客户分得所在象限工时、人力与资金的份额，与“评级权重 × 得分”成正比（权重见模型页）。", "Each account gets a share of its quadrant's hours, people and money in proportion to grade weight × score (weights on the Model tab).";
    WHAT_THE_WEIGHTS_MEAN = "D 级暂缓观察不投入；已成交客户守住维护；待补充客户只分收集信息的时间；已流失客户不分配。", "D accounts are on hold and get nothing; won customers are defended and maintained; accounts that need information get time to collect it; lost accounts get nothing.";
    GRADE_WEIGHTS = "评级权重（象限内按 权重 × 得分 分配）", "Grade weights (within a quadrant: weight × score)";
    DEFAULT_SETTING = "默认值", "default";
    BY_OWNER = "按客户经理", "By owner";
    LOAD_VS_EVEN_SHARE = "负荷（平均=1）", "Load (even share = 1)";
    PURPOSE = "用途", "Purpose";
    PURPOSE_A = "全力推进", "Push to close";
    PURPOSE_B = "控制投入", "Limited time";
    PURPOSE_C = "关注变化", "Watch";
    PURPOSE_D = "最低限度接触", "Minimal contact";
    PURPOSE_NEEDS_INFO = "收集信息", "Collect information";
    PURPOSE_WON = "守住维护", "Defend and maintain";
    PURPOSE_LOST = "不投入", "Nothing";
    NO_OWNER = "（未填写）", "(none)";
    CAPACITY_DEFAULT = "默认容量：请用 --hours/--people/--money 或模型文件设置本团队的数字", "Default capacity: set your team's figures with --hours/--people/--money or the model file";
    CAPACITY_MODEL_FILE = "来自模型文件", "from the model file";
    CAPACITY_COMMAND_LINE = "来自命令行", "from the command line";
    OVERLOAD_NOTE = "标色的客户经理负荷超过团队平均的 1.5 倍：一个人难以承担，请调整分工或容量。", "Highlighted owners carry more than 1.5× an even share of the team: one person cannot carry it; rebalance the accounts or the capacity.";
    ACCOUNT_ID = "客户编号", "Account ID";
    ACCOUNT = "客户名称", "Account";
    GRADE = "评级", "Grade";
    SCORE = "得分", "Score";
    SHARE_OF_QUADRANT = "占象限份额", "Share of quadrant";
    DEAL_VALUE = "预计金额", "Deal value";
    SOURCE = "来源", "Source";
    MOVEMENT = "变动", "Movement";
    GRADE_THEN = "上月评级", "Grade then";
    GRADE_NOW = "本月评级", "Grade now";
    SCORE_CHANGE = "得分变化", "Score change";
    SCORE_THEN = "上月得分", "Score then";
    SCORE_NOW = "本月得分", "Score now";
    CLOSE_DATE_MOVED_DAYS = "成交日推迟（天）", "Close date moved (days)";
    CLOSE_THEN = "上月预计成交", "Close then";
    CLOSE_NOW = "本月预计成交", "Close now";
    FLAGS_RAISED = "新增标记", "Flags raised";
    FLAGS_CLEARED = "解除标记", "Flags cleared";
    FACTORS_MOVED = "得分变动因素", "Factors moved";
    RECEIVABLES_CHANGE = "应收变化", "Receivables change";
    OVERDUE_CHANGE = "逾期变化", "Overdue change";
    LIST_SEP = "、", ", ";
    FLAG = "标记", "Flag";
    REASONS = "原因", "Reasons";
    CELL = "单元格", "Cell";
    RECEIVABLES = "应收账款", "Receivables";
    OWNER = "客户经理", "Owner";
    REASON = "评级理由", "Reason";
    REASON_NOW = "本月评级理由", "Reason for the grade now";
    ACTION_ADVICE = "行动建议", "Action";
    QUADRANT = "攻守象限", "Quadrant";
    FLAGS = "风险标记", "Flags";
    EXPECTED_CLOSE = "预计成交日期", "Expected close";
    SEVERITY = "级别", "Severity";
    FILE = "文件", "File";
    SHEET = "工作表", "Sheet";
    FIELD = "字段", "Field";
    VALUE = "原值", "Value";
    MESSAGE = "说明", "Message";
    SEVERITY_ERROR = "错误", "error";
    SEVERITY_WARNING = "警告", "warning";
    SEVERITY_NOTE = "提示", "note";
    KEY_ACCOUNT_REPORT = "大客户评估报告", "Key-account report";
    AS_OF_DATE = "评估基准日", "As-of date";
    TOOL_VERSION = "工具版本", "Tool version";
    MODEL_SOURCE = "模型来源", "Model";
    MODEL_FINGERPRINT = "模型指纹", "Model fingerprint";
    RISK_ASSESSMENT_TABLE_FROM_THE_BOOK_48 = "风险评估表（出自《拿下大客户：大客户销售的48个秘诀》）", "Risk assessment table (from the book 拿下大客户：大客户销售的48个秘诀)";
    WEIGHT = "权重", "Weight";
    FULL_POINTS = "满分", "Points";
    MEDIAN = "中位数", "median";
    MEDIAN_NO_ANNUAL_PURCHASE_DATA = "中位数（无年采购额数据）", "median (no annual purchase data)";
    TOTAL_POINTS = "总分", "Total points";
    PASS_LINE_BELOW_D = "合格线（低于为 D）", "Pass line (below: D)";
    A_LINE = "A 级线", "A line";
    A_HORIZON_DAYS = "A 级成交期限（天）", "A horizon (days)";
    B_HORIZON_DAYS = "B 级成交期限（天）", "B horizon (days)";
    UNKNOWN_FACTORS_ALLOWED = "未知因素上限（超过为待补充）", "Unknown factors allowed";
    WIDEST_CLEAR_BUDGET_RANGE_HIGH_LOW = "预算区间最大宽度（高/低）", "Widest clear budget range (high/low)";
    HIGH_CAPABILITY_LINE = "高采购能力线", "High capability line";
    HIGH_SHARE_LINE = "高份额线", "High share line";
    CREDIT_SCALE = "信用评级标尺", "Credit scale";
    WEAK_CREDIT_TERMS_OVER_DAYS = "信用弱：账期超过（天）", "Weak credit: terms over (days)";
    WEAK_CREDIT_OVERDUE_SHARE_OVER = "信用弱：逾期占比超过", "Weak credit: overdue share over";
    WEAK_CREDIT_OVERDUE_DAYS_OVER = "信用弱：逾期天数超过", "Weak credit: overdue days over";
    TIME = "时间", "Time";
    PEOPLE = "人力", "People";
    CAPACITY = "本期能力", "Capacity";
    INPUT_FILE = "输入文件", "Input file";
    SIZE_BYTES = "大小（字节）", "Size (bytes)";
    MODIFIED = "修改时间", "Modified";
    ACCOUNT_SHEETS = "客户表", "Account sheets";
    ROWS = "数据行", "Rows";
    SCORE_SO_FAR = "已知得分", "Score so far";
    UNKNOWN_FACTORS = "未知因素", "Unknown factors";
    FILL_IN = "请补充", "Fill in";
    OR = " 或 ", " or ";
    CLAUSE_SEP = "；", "; ";
    RECEIVABLES_FINANCE_VIEW = "应收账款（财务视图）", "Receivables (finance view)";
    TOTAL_OVERDUE = "逾期合计", "Total overdue";
    OVERDUE_SHARE = "逾期占比", "Overdue share";
    AGING_DAYS = "账龄（天）", "Aging (days)";
    RECEIVABLES_NOTE = "金额单位：元。账龄 = 评估基准日 − 到期日；未到期 + 各逾期账龄 = 应收余额。敞口 = 应收余额 + 在谈商机金额。坏账准备 = 各账龄余额 × 计提比例（默认比例，请换成公司政策，见模型页）。DSO = 应收 ÷（近12月销售额 ÷ 365）。", "Amounts in CNY. Days past due = as-of date − due date; current + the overdue buckets = the balance. Exposure = balance + open deal value. Provision = each bucket × its rate (default rates: replace them with your policy, see the Model tab). DSO = receivables ÷ (12-month sales ÷ 365).";
    PROVISION_CHANGE = "坏账准备变化", "Provision change";
    CURRENT_NOT_DUE = "未到期", "Current";
    BALANCE = "应收余额", "Balance";
    MAX_DAYS_OVERDUE = "最长逾期天数", "Max days past due";
    PROVISION = "坏账准备", "Provision";
    PROVISION_RATE = "计提比例", "Provision rate";
    CREDIT_LIMIT = "信用额度", "Credit limit";
    UTILISATION = "额度使用率", "Limit used";
    RISK_RULE = "风险依据", "Risk rule";
    EXPOSURE_RANK = "敞口排名", "Exposure rank";
    TOTAL_ROW = "合计", "Total";
    RISK_LEVELS = "风险分布", "Risk levels";
    CONCENTRATION = "集中度", "Concentration";
    FALLING_DUE = "即将到期", "Falling due";
    EXPOSURE = "敞口", "Exposure";
    RISK = "风险", "Risk";
    DAYS_SUFFIX = "天", " days";
    DAYS_SINCE_PAYMENT = "距上次回款天数", "Days since payment";
    TERMS_DAYS = "账期天数", "Terms (days)";
    CREDIT_RATING = "信用等级", "Credit rating";
    AS_OF = "评估基准日", "As of";
    INPUTS = "输入", "Inputs";
    ROW_ACCOUNTING = "行数核对", "Row accounting";
    ACCOUNT_ACCOUNTING = "客户核对", "Account accounting";
    DATA_ISSUES = "数据问题", "Data issues";
    STAGE_FUNNEL = "阶段漏斗：各阶段客户数", "Stage funnel: accounts per stage";
    STAGE_UNKNOWN = "阶段未填写", "Stage not given";
    REGION = "区域", "Region";
    INDUSTRY = "行业", "Industry";
    NOT_GIVEN = "（未填写）", "(not given)";
    A_AND_B = "A/B 级", "A or B";
    HEADLINE = "要点", "Headline";
    FIGURE = "本月", "This month";
    OPEN_PIPELINE = "在谈商机金额", "Open pipeline";
    WEIGHTED_PIPELINE = "加权商机金额", "Weighted pipeline";
    WEIGHTED_PIPELINE_NOTE = "加权商机：有赢率的商机按赢率计，其余按评级权重（A 1.0、B 0.6、C 0.3、D 0，见模型页）。", "Weighted pipeline: deals with a probability count by it, the rest by their grade's weight (A 1.0, B 0.6, C 0.3, D 0; see the Model tab).";
    A_ACCOUNTS = "A 级客户数", "A accounts";
    A_DEAL_VALUE = "A 级预计金额", "A deal value";
    EXPECTED_CLOSE_MONTH = "预计成交月份", "Expected close month";
    CLOSE_PASSED = "成交日已过", "Close date passed";
    LATER = "12 个月以后", "Later than 12 months";
    CLOSE_UNKNOWN = "成交日未知", "Close date unknown";
    TOP_MOVERS = "变动最大的客户", "Top movers";
    GRADE_THEN_NOW = "评级（上月 → 本月）", "Grade (then → now)";
    CLOSE_SHIFT_DAYS = "成交日推迟（天）", "Close moved (days)";
    ACCOUNTS_AND_DEAL_VALUE_PER_GRADE = "各评级客户数与预计金额", "Accounts and deal value per grade";
    QUADRANT_MATRIX = "攻守矩阵：采购能力 × 我方份额", "Quadrant matrix: purchasing capability × our share";
    ANNUAL_PURCHASE = "年采购额", "Annual purchase";
    OUR_SHARE = "我方份额", "Our share";
    CAPABILITY_LINE = "采购能力线", "Capability line";
    ALLOCATION_CHART = "资源分配：时间、人力、资金在各象限的占比", "Allocation: time, people and money by quadrant";
    RECEIVABLES_AGING = "应收账款账龄", "Receivables aging";
    PIPELINE_BY_MONTH = "在谈商机按预计成交月份", "Open pipeline by expected close month";
    GRADE_MIX_BY_OWNER = "各客户经理的评级构成（客户数）", "Grade mix by owner (accounts)";
    SINCE_LAST_MONTH = "较上月变动", "Since last month";
    CLOSE_DATE_SLIPPED = "成交日推迟", "Close date slipped";
    AMOUNT = "金额", "Amount";
    RECEIVABLES_TOTAL = "应收合计", "Receivables total";
    OVERDUE_TOTAL = "逾期合计", "Overdue";
    TOP_20_CONCENTRATION = "前20%客户集中度", "Top-20% concentration";
    TOP_ACCOUNTS = "重点客户", "Top accounts";
    EXPECTED_CLOSE_SHORT = "预计成交", "Expected close";
    DAYS_OVERDUE = "逾期天数", "Days overdue";
    FLAG_WEAK_CREDIT = "信用弱", "Weak credit";
    FLAG_VAGUE_BUDGET = "预算模糊", "Vague budget";
    FLAG_NEED_UNCONFIRMED = "需求未确认", "Need unconfirmed";
    FLAG_DECISION_MAKER_UNCLEAR = "决策人不明", "Decision maker unclear";
    FLAG_NO_TIMELINE = "时间不明确", "No timeline";
    FLAG_OVER_BUDGET = "超预算", "Over budget";
    FLAG_CLOSE_DATE_PASSED = "成交日已过", "Close date passed";
    FLAG_OVER_CREDIT_LIMIT = "超信用额度", "Over credit limit";
    FLAG_PROMISE_BROKEN = "承诺未兑现", "Promise broken";
    QUADRANT_ATTACK = "进攻", "Attack";
    QUADRANT_DEFEND = "防守", "Defend";
    QUADRANT_MAINTAIN = "维持", "Maintain";
    QUADRANT_ABANDON = "放弃", "Abandon";
    QUADRANT_UNCLASSIFIED = "未分类", "Unclassified";
    ACTION_A = "全力以赴，进入销售关键流程", "Go all in: enter the key selling process";
    ACTION_B = "控制投入时间，做好关系维护", "Limit the time invested; maintain the relationship";
    ACTION_C = "关注变化，做好关系维护", "Watch for changes; maintain the relationship";
    ACTION_D = "暂缓，观察；保持最低限度接触（买卖不成情谊在）", "Hold and observe; keep minimal contact (no deal, still friends)";
    ACTION_NEEDS_INFO = "继续收集信息，完善后再评估", "Collect the missing information, then assess again";
    ACTION_WON = "客户：守住已有的，按攻守象限维护", "A customer: keep what is won, as its quadrant says";
    ACTION_LOST = "已流失：记录原因，买卖不成情谊在", "Lost: record why; stay on good terms";
    MOVEMENT_DOWN = "下降", "Down";
    MOVEMENT_UP = "上升", "Up";
    MOVEMENT_NEW = "新增", "New";
    MOVEMENT_GONE = "消失", "Gone";
    MOVEMENT_CHANGED = "有变化", "Changed";
    MOVEMENT_SAME = "不变", "Same";
    RISK_HIGH = "高", "High";
    RISK_MEDIUM = "中", "Medium";
    RISK_LOW = "低", "Low";
    RISK_NONE = "无", "None";
    RULE_NOTHING_OWED = "无敞口（无应收、无在谈金额）", "no exposure (nothing owed, no open deal)";
    RULE_OVERDUE_DAYS = "逾期超过 90 天", "overdue more than 90 days";
    RULE_OVERDUE_SHARE = "逾期占应收超过 30%", "more than 30% of receivables overdue";
    RULE_OVER_LIMIT = "敞口超过信用额度", "exposure over the credit limit";
    RULE_WEAK_RATING = "信用等级弱且有应收", "weak credit rating with receivables";
    RULE_OVERDUE = "有逾期", "something overdue";
    RULE_DSO = "DSO 超过账期 30 天以上", "DSO more than 30 days past the terms";
    RULE_UTILISATION = "信用额度使用超过 80%", "credit limit more than 80% used";
    RULE_WEAK_WORDING = "账期或付款方式显示信用弱", "terms or wording show weak credit";
    RULE_LOW = "无逾期，额度内", "nothing overdue, within limits";
    FACTOR_NEED_BUDGET = "需求与预算", "Need & budget";
    FACTOR_INTEGRITY_CREDIT = "诚信与信誉", "Integrity & credit";
    FACTOR_FINANCIAL_STRENGTH = "资金状况", "Financial strength";
    FACTOR_FIT = "产品/技术/服务满足度", "Fit";
    FACTOR_RELATIONSHIP = "关系紧密度", "Relationship";
    FACTOR_COMPETITIVE = "竞争优劣势", "Competitive position";
    FACTOR_TIMING = "进入时机", "Timing of entry";
    FACTOR_ADDED_VALUE = "附加价值", "Added value";
    TAB_SUMMARY = "概览", "Summary";
    TAB_NEEDS_INFO = "待补充", "Needs information";
    TAB_ALLOCATION = "资源分配", "Allocation";
    TAB_FLAGS = "风险标记", "Flags";
    TAB_RECEIVABLES = "应收账款", "Receivables";
    TAB_CHANGES = "变动", "Changes";
    TAB_ISSUES = "数据问题", "Data issues";
    TAB_MODEL = "模型", "Model";
    GRADE_NEEDS_INFO = "待补充", "Needs information";
    GRADE_WON = "已成交", "Won";
    TAB_WON_LOST = "已成交已流失", "Won and lost";
    TAB_VALUE = "客户价值", "Customer value";
    TAB_PROMISES = "承诺", "Promises";
    RECENCY_DAYS = "距上次下单(天)", "Days since last order";
    FREQUENCY_12M = "近12月订单数", "Orders (12 months)";
    SALES_12M = "近12月销售额", "Sales (12 months)";
    MARGIN_12M = "近12月毛利", "Margin (12 months)";
    SEGMENT = "价值分群", "Segment";
    RFM_RULE = "RFM 评分（客户价值）", "RFM scores (customer value)";
    EXPECTED_YEARS = "生命周期价值的预期年数", "Lifetime value: expected years";
    PROMISE_RELATIONSHIP = "承诺台账推出的关系紧密度（未评分时）：起点 − 每项失信扣分，最多扣", "Relationship from promises (when not rated): start − per broken promise, at most";
    PROVISION_RATES = "坏账准备比例（未到期/1–30/31–60/61–90/91–180/180天以上，请按公司政策替换）", "Provision rates (current/1–30/31–60/61–90/91–180/>180; replace with your policy)";
    WIN_RATE_12M = "近12月赢单率", "Win rate (12 months)";
    PROMISE_RECORD = "承诺（兑现/到期）", "Promises (kept/due)";
    VALUE_SEGMENTS_CHART = "价值分群：客户数与近12月销售额", "Value segments: accounts and 12-month sales";
    LIFETIME_VALUE = "生命周期价值", "Lifetime value";
    TOP_20 = "前20%", "Top 20%";
    YES = "是", "yes";
    NO_SALES_12M = "近12个月没有销售额，无法计算 20/80。", "No sales in the last 12 months: no 20/80 line.";
    VALUE_FROM_ORDERS = "R、F、M 按本次所有有订单客户排名，各 1–5 分：1 + floor(5 × 比它差的客户数 ÷ 客户数)，同值同分；3 分以上为高。", "R, F and M rank the accounts with orders, 1–5 each: 1 + floor(5 × accounts strictly worse ÷ accounts), ties sharing a score; 3 or more is high.";
    VALUE_FROM_WON_DEALS = "没有订单明细：R、F、M 按赢单（成交日期、赢单金额）排名，各 1–5 分，同值同分；3 分以上为高。", "No order lines: R, F and M rank won deals (close date, won value), 1–5 each, ties sharing a score; 3 or more is high.";
    PROMISES_MADE = "承诺数", "Made";
    PROMISES_KEPT = "已兑现", "Kept";
    PROMISES_OPEN = "进行中", "Open";
    PROMISES_BROKEN = "逾期未兑现", "Broken";
    KEPT_RATIO = "兑现率", "Kept ratio";
    OLDEST_BROKEN = "最早未兑现到期日", "Oldest broken due";
    STATUS = "状态", "Status";
    WON_DEALS = "赢单数", "Deals won";
    WON_VALUE_12M = "近12月赢单金额", "Won (12 months)";
    LAST_WON = "最近赢单", "Last won";
    LOST_DEALS = "丢单数", "Deals lost";
    LOST_REASON = "丢单原因", "Lost reason";
    SOURCE_SHEET = "来源表", "Source sheet";
    SOURCE_KIND = "类型", "Kind";
    GRADE_LOST = "已流失", "Lost";
    COLUMN = "列", "Column";
    HEADER = "表头", "Header";
    READ_AS = "读作字段", "Read as";
    NOT_USED = "（未使用）", "(not used)";
    STAGE = "阶段", "Stage";
    COLON = "：", ": ";
    OPEN_DEALS = "在谈商机", "Open deals";
    STAGE_TARGETING = "确定开发对象", "Targeting";
    STAGE_INFO_GATHERING = "信息收集", "Information gathering";
    STAGE_VALUE_ASSESSMENT = "价值评估", "Value assessment";
    STAGE_RELATIONSHIP = "关系建立", "Relationship building";
    STAGE_CLOSING = "促成合作", "Closing";
    STAGE_WON = "已成交", "Won";
    STAGE_LOST = "已流失", "Lost";
    MISSING = "未填写", "missing";
    NOT_RATED = "未评分", "not rated";
    NOT_CONFIRMED = "未确认", "not confirmed";
    UNCLEAR = "不明确", "unclear";
    UNKNOWN = "未知", "unknown";
    NOT_A_CLEAR_NUMBER = "不是明确数字", "not a clear number";
    RANGE_TOO_WIDE = "区间过宽", "range too wide";
    ENTER_1_TO_5 = "请填 1–5", "enter 1–5";
    OR_RATE_1_TO_5 = "或评分 1–5", "or a rating 1–5";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_label_has_both_languages() {
        assert!(super::ALL.len() > 150);
        for (name, text) in super::ALL {
            assert!(!text.zh.trim().is_empty() || text.zh == " 或 ", "{name}: no Chinese");
            assert!(!text.en.trim().is_empty() || text.en == " or ", "{name}: no English");
            // The Chinese side is not English left untranslated (names like "A 级线" mix).
            let cjk = text.zh.chars().any(|c| c > '\u{2E7F}');
            assert!(cjk || text.zh == text.en || text.zh.chars().all(|c| !c.is_ascii_alphabetic()), "{name}: {text:?}");
        }
    }
}
