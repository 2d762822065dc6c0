import TalentDomain

/// The word lists the practice-base demo is built from: programmes of the partner universities,
/// position titles, research topics, withdrawal reasons and award names. Plausible, not real records.
enum DemoPracticeVocabulary {
    /// Partner universities (by registered name) with their programmes (field, English field) and
    /// how many trainees they send, relatively. Tsinghua's Automation – Big Data Engineering leads,
    /// as in the base's 2021 cohort.
    static let programmes: [(university: String, weight: Int, fields: [(String, String)])] = [
        ("清华大学", 10, [("大数据工程", "Big Data Engineering"), ("自动化", "Automation")]),
        ("上海交通大学", 4, [("电子信息", "Electronic Information"), ("大数据技术与工程", "Big Data Technology and Engineering")]),
        ("北京航空航天大学", 3, [("航空工程", "Aeronautical Engineering"), ("软件工程", "Software Engineering")]),
        ("西北工业大学", 2, [("动力工程", "Power Engineering")]),
        ("贵州大学", 5, [("大数据工程", "Big Data Engineering"), ("计算机技术", "Computer Technology"), ("电子信息", "Electronic Information")]),
        ("贵州师范大学", 1, [("大数据技术与工程", "Big Data Technology and Engineering")]),
        ("贵州理工学院", 1, [("机械工程", "Mechanical Engineering")]),
        ("贵州财经大学", 1, [("应用统计", "Applied Statistics")]),
    ]

    /// Position titles by the host enterprise's industry chain.
    static let positionTitles: [IndustryChain: [String]] = [
        .softwareBigData: ["数据工程师", "算法工程师", "大数据平台开发", "数据治理工程师", "云原生开发", "机器学习工程师", "数据可视化开发"],
        .aeroEngine: ["发动机数字孪生研发", "叶片检测算法", "制造数据分析", "试车数据平台开发"],
        .microMotor: ["电机控制算法", "嵌入式软件开发", "电机测试数据分析", "伺服系统建模"],
        .microelectronics: ["芯片验证工程师", "良率数据分析", "EDA 工具开发", "封装测试数据工程"],
        .other: ["工业数据分析"],
    ]

    /// Research topics: a method and an object, combined into titles of reports and projects.
    static let methods = [
        "深度学习", "知识图谱", "联邦学习", "数字孪生", "边缘计算", "时序预测", "图神经网络", "强化学习", "多源数据融合",
        "机器视觉", "大语言模型", "流式计算", "迁移学习", "异常检测", "区块链",
    ]
    static let objects = [
        "航空发动机叶片缺陷检测", "精密微电机故障诊断", "集成电路良率预测", "工业设备预测性维护", "政务数据共享",
        "城市交通流量", "电力负荷", "供应链风险", "表面处理工艺优化", "产品质量追溯", "数据中心能耗", "山地农业监测",
        "医疗影像辅助诊断", "金融风控", "智能制造排产", "能源消费分析", "文旅客流预测", "生态环境监测",
    ]
    static let reportSuffixes = ["研究", "方法研究", "系统设计与实现", "应用研究"]
    static let projectSuffixes = ["关键技术研究", "平台研发与应用", "示范应用", "联合攻关", "系统研制"]
    static let problemSuffixes = ["精度不足", "实时性差", "数据孤岛", "成本过高", "样本稀缺", "可解释性不足"]

    static let withdrawalReasons = ["个人原因申请退出", "转回校内完成科研任务", "因病休学", "转入其他实践基地"]

    static let provincialAwards = ["贵州省科学技术进步奖", "贵州省科技成果转化奖", "教育部科学技术进步奖", "中国电子学会科学技术奖"]
    static let nationalAwards = ["国家科学技术进步奖", "国家技术发明奖"]
    static let awardGrades = ["一等奖", "二等奖", "三等奖"]
    static let cityAwards = ["贵阳市科学技术进步奖", "贵阳高新区科技创新奖"]
}
