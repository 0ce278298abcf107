"""How people ask (DOMAIN.md): template terms and the citizen words that mean them.

Used by the tokenizer (jieba user dictionary: template terms stay whole), by query
expansion in retrieval (拒绝 → 不予公开 …) and by question understanding (metric, column).
Data only; add entries freely, keep the shapes.
"""

from __future__ import annotations

# Template terms that must stay one token.
TEMPLATE_TERMS: tuple[str, ...] = (
    "政府信息公开", "依申请公开", "主动公开", "年度报告",
    "本年新收", "上年结转", "结转下年度", "本年度办理结果",
    "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理",
    "国家秘密", "三安全一稳定", "第三方合法权益", "内部事务信息", "过程性信息",
    "行政执法案卷", "行政查询事项", "不掌握相关政府信息", "另行制作", "补正",
    "信访举报投诉", "重复申请", "公开出版物", "大量反复申请", "逾期不补正",
    "行政复议", "行政诉讼", "直接起诉", "复议后起诉", "结果维持", "结果纠正",
    "其他结果", "尚未审结",
    "规章", "规范性文件", "行政规范性文件", "行政许可", "行政处罚", "行政强制",
    "行政事业性收费", "政府集中采购", "信息处理费",
    "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
    "本年制发件数", "本年废止件数", "现行有效件数", "处理决定数量", "收费金额",
    "勾稽关系",
)

# Citizen words → the template term(s) they mean (query expansion).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "拒绝": ("不予公开",),
    "不给公开": ("不予公开",),
    "驳回": ("不予公开",),
    "没批准": ("不予公开",),
    "被拒": ("不予公开",),
    "申请了多少": ("本年新收",),
    "收到多少申请": ("本年新收",),
    "多少人申请": ("本年新收",),
    "同意": ("予以公开",),
    "批准": ("予以公开",),
    "信息不存在": ("不掌握相关政府信息",),
    "没有这个信息": ("不掌握相关政府信息",),
    "查不到": ("不掌握相关政府信息",),
    "个人": ("自然人",),
    "老百姓": ("自然人",),
    "公民": ("自然人",),
    "群众": ("自然人",),
    "企业": ("商业企业",),
    "公司": ("商业企业",),
    "单位": ("法人或其他组织",),
    "法人": ("法人或其他组织",),
    "律师": ("法律服务机构",),
    "律所": ("法律服务机构",),
    "学校": ("科研机构",),
    "研究所": ("科研机构",),
    "高校": ("科研机构",),
    "被告": ("行政诉讼",),
    "被起诉": ("行政诉讼",),
    "打官司": ("行政诉讼",),
    "告": ("行政诉讼",),
    "复议": ("行政复议",),
    "输了": ("结果纠正",),
    "败诉": ("结果纠正",),
    "被纠正": ("结果纠正",),
    "红头文件": ("行政规范性文件", "本年制发件数"),
    "发了几个文件": ("行政规范性文件", "本年制发件数"),
    "罚款": ("行政处罚",),
    "处罚": ("行政处罚",),
    "收费": ("行政事业性收费", "信息处理费"),
    "收钱": ("行政事业性收费", "信息处理费"),
    "要钱": ("行政事业性收费", "信息处理费"),
}

# Citizen words → table 三 applicant column key.
COLUMN_WORDS: dict[str, str] = {
    "自然人": "natural_person",
    "个人": "natural_person",
    "老百姓": "natural_person",
    "公民": "natural_person",
    "群众": "natural_person",
    "企业": "commercial",
    "公司": "commercial",
    "商业企业": "commercial",
    "科研机构": "research",
    "学校": "research",
    "研究所": "research",
    "高校": "research",
    "社会公益组织": "social_welfare",
    "公益组织": "social_welfare",
    "律师": "legal_service",
    "律所": "legal_service",
    "法律服务机构": "legal_service",
}
