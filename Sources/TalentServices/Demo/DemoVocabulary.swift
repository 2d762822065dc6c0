import TalentDomain

/// The word lists the demo data is built from: people's names, organisation name parts, places,
/// universities and majors. Plausible, not real records.
enum DemoVocabulary {
    // MARK: People

    /// Common surnames, weighted roughly by frequency, with the Guizhou-heavy 杨, 吴, 龙 and 石 a bit higher.
    static let surnames: [(String, Int)] = [
        ("王", 72), ("李", 70), ("张", 66), ("刘", 54), ("陈", 52), ("杨", 48), ("黄", 30), ("赵", 28),
        ("吴", 32), ("周", 26), ("徐", 20), ("孙", 18), ("马", 16), ("朱", 16), ("胡", 16), ("郭", 14),
        ("何", 14), ("高", 13), ("林", 12), ("罗", 16), ("郑", 11), ("梁", 11), ("谢", 10), ("宋", 10),
        ("唐", 10), ("许", 9), ("韩", 9), ("冯", 9), ("邓", 9), ("曹", 8), ("彭", 8), ("曾", 8),
        ("肖", 8), ("田", 10), ("董", 7), ("袁", 7), ("潘", 7), ("蒋", 7), ("蔡", 6), ("余", 6),
        ("杜", 6), ("叶", 6), ("程", 6), ("苏", 6), ("魏", 6), ("吕", 5), ("丁", 5), ("任", 5),
        ("沈", 5), ("姚", 5), ("卢", 5), ("龙", 9), ("石", 9), ("韦", 6), ("付", 4),
        ("钟", 4), ("汪", 4), ("范", 4), ("陆", 3), ("贺", 3), ("顾", 3), ("毛", 3), ("邱", 3),
        ("秦", 3), ("江", 3), ("史", 3), ("岑", 2), ("欧阳", 1), ("诸葛", 1), ("司马", 1),
    ]

    static let maleGiven = Array("伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建峰亮成志海东兴文瑞晨博睿轩泽昊天翔")
    static let femaleGiven = Array("芳娜敏静丽艳娟霞燕玲丹萍红琳雪慧颖婷倩洁梅莉蕾璐瑶欣怡佳琪雯岚曦悦彤晶露琴月婧媛诗涵思")
    static let neutralGiven = Array("子嘉晓雨新一春秋立振永国德云小金玉家维思梓")

    /// Region codes (GB/T 2260) for identity numbers: Guiyang districts and other Guizhou
    /// prefectures (some under codes since retired, as on older cards), then where recruits from
    /// outside the province come from. 520115 (Guanshanhu) is left out: it exists only from 2012,
    /// after every demo talent was born.
    static let birthRegions: [(String, Int)] = [
        ("520102", 14), ("520103", 14), ("520111", 8), ("520112", 5), ("520113", 5), ("520121", 3),
        ("520122", 2), ("520123", 3), ("520181", 4), ("520201", 4), ("520302", 6), ("520402", 4),
        ("522401", 4), ("522601", 5), ("522701", 4), ("522301", 3), ("522201", 3),
        ("110108", 2), ("310104", 1), ("430102", 2), ("510107", 3), ("500103", 3), ("610113", 2),
        ("230103", 1), ("420111", 2), ("530102", 2), ("450103", 1),
    ]

    static let mobilePrefixes = [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
        "156", "157", "158", "159", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199",
    ]

    // MARK: Organisations

    static let institutePrefixes = [
        "贵州省", "贵阳市", "贵阳高新区", "贵州科学城", "中国科学院贵州", "中国航发贵州", "中国电子贵州", "贵州大学",
    ]
    static let instituteFields = [
        "大数据", "航空发动机", "精密微特电机", "集成电路", "人工智能", "新材料", "表面处理", "智能制造",
        "先进制造技术", "电子信息", "软件", "区块链", "工业互联网", "光电技术", "精密测量", "新能源",
        "高端装备", "生物医药", "中药民族药", "山地农业", "化工", "地质矿产", "生态环境", "数字经济", "信息安全",
    ]
    static let instituteSuffixes = ["研究院", "研究所", "研究中心", "工程技术研究中心", "重点实验室"]

    static let enterpriseTowns = ["贵阳", "贵州", "贵阳高新"]
    static let enterpriseBrands = [
        "黎阳", "航宇", "华芯", "振华", "云岭", "黔灵", "林泉", "新天", "红湖", "乌江", "筑梦", "观峰", "金阳", "百花",
        "数谷", "朗玛", "翔明", "天义", "凯星", "汇通", "博源", "信邦", "永青", "筑城", "黔通", "云上", "阳明", "黔芯",
        "启航", "精工", "瑞和", "中科", "星辰", "远景", "海量", "智源", "恒芯", "盛华", "鼎新", "宏立",
    ]
    static let enterpriseTrades: [IndustryChain: [String]] = [
        .aeroEngine: ["航空动力", "航空发动机零部件", "精密锻造", "叶片制造", "航空表面处理", "航空机械"],
        .microMotor: ["微电机", "精密电机", "微特电机", "电机控制技术", "伺服电机"],
        .microelectronics: ["微电子", "半导体", "芯片", "集成电路", "电子元器件", "封装测试"],
        .softwareBigData: ["大数据", "软件", "数据科技", "云计算", "信息技术", "人工智能", "数字科技"],
    ]
    static let enterpriseSuffixes = ["有限公司", "科技有限公司", "股份有限公司", "技术有限公司"]
    /// How many of the demo's enterprises each chain has (60 in all).
    static let enterprisesPerChain: [(IndustryChain, Int)] = [
        (.aeroEngine, 14), (.microMotor, 12), (.microelectronics, 14), (.softwareBigData, 20),
    ]

    /// Partner universities and the region code of their credit code.
    static let partnerUniversities: [(String, String)] = [
        ("清华大学", "110108"), ("上海交通大学", "310104"), ("北京航空航天大学", "110108"),
        ("西北工业大学", "610113"), ("贵州大学", "520111"), ("贵州师范大学", "520103"),
        ("贵州理工学院", "520115"), ("贵州财经大学", "520115"),
    ]

    /// Zone districts for in-zone organisations (Guanshanhu, where the high-tech zone sits) and
    /// the city's other districts.
    static let zoneRegion = "520115"
    static let cityRegions = ["520102", "520103", "520111", "520113", "520181"]

    // MARK: Education

    /// Where degrees come from (a talent's `university` column).
    static let almaMaters: [(String, Int)] = [
        ("贵州大学", 20), ("贵州师范大学", 6), ("贵州理工学院", 6), ("贵州财经大学", 4), ("贵阳学院", 4),
        ("清华大学", 4), ("上海交通大学", 3), ("北京航空航天大学", 3), ("西北工业大学", 4), ("南京航空航天大学", 3),
        ("哈尔滨工业大学", 3), ("电子科技大学", 5), ("西安电子科技大学", 4), ("华中科技大学", 3), ("重庆大学", 4),
        ("四川大学", 3), ("浙江大学", 2), ("武汉大学", 2), ("中南大学", 3), ("昆明理工大学", 3),
    ]
    static let vocationalColleges = ["贵州航天职业技术学院", "贵州电子信息职业技术学院", "贵州轻工职业技术学院", "贵阳职业技术学院"]

    static let majors: [IndustryChain: [String]] = [
        .aeroEngine: ["航空宇航推进理论与工程", "飞行器动力工程", "机械工程", "材料成型及控制工程", "材料科学与工程"],
        .microMotor: ["电气工程及其自动化", "电机与电器", "机械电子工程", "控制科学与工程", "自动化"],
        .microelectronics: ["微电子科学与工程", "集成电路设计与集成系统", "电子科学与技术", "物理学", "电子信息工程"],
        .softwareBigData: ["计算机科学与技术", "软件工程", "数据科学与大数据技术", "人工智能", "通信工程", "统计学"],
        .other: ["化学", "生物技术", "环境工程", "地质工程", "数学与应用数学", "药学", "农学"],
    ]
    static let vocationalMajors = ["数控技术", "机电一体化技术", "电子信息工程技术", "工业机器人技术", "焊接技术与自动化", "软件技术"]

    static let emailDomains = ["qq.com", "163.com", "126.com", "foxmail.com", "sina.com"]

    // MARK: Certification

    static let rejectionReasons = [
        "学历学位证书未通过学信网核验",
        "在高新区缴纳社会保险不足3个月",
        "劳动合同已到期且未续签",
        "申报材料不全，逾期未补正",
        "公示期间收到实名异议，经核实情况属实",
        "所报职称证书与人社部门记录不符",
    ]
}
