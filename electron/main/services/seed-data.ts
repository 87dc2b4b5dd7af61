/** Word lists for the demo data: realistic Chinese names, places and parcel contents. */

export const surnames = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何',
  '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田',
  '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '欧阳', '司马',
];

export const givenChars = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超',
  '秀', '霞', '平', '刚', '桂', '英', '华', '玉', '萍', '红', '建', '文', '辉', '鹏', '宇', '浩', '晨',
  '欣', '怡', '佳', '思', '雨', '子', '涵', '梓', '轩', '博', '琳', '婷', '雪', '慧', '俊', '峰', '凯',
];

/** Province → [city, districts[]] — enough spread for address search to mean something. */
export const places: readonly { province: string; cities: readonly { city: string; districts: readonly string[] }[] }[] = [
  { province: '北京市', cities: [{ city: '北京市', districts: ['朝阳区', '海淀区', '东城区', '西城区', '丰台区', '通州区'] }] },
  { province: '上海市', cities: [{ city: '上海市', districts: ['浦东新区', '徐汇区', '静安区', '闵行区', '杨浦区', '嘉定区'] }] },
  { province: '广东省', cities: [
    { city: '广州市', districts: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'] },
    { city: '深圳市', districts: ['南山区', '福田区', '宝安区', '龙岗区', '罗湖区'] },
    { city: '东莞市', districts: ['南城街道', '东城街道', '长安镇', '虎门镇'] },
  ] },
  { province: '浙江省', cities: [
    { city: '杭州市', districts: ['西湖区', '余杭区', '滨江区', '拱墅区', '萧山区'] },
    { city: '宁波市', districts: ['鄞州区', '海曙区', '江北区'] },
    { city: '义乌市', districts: ['稠城街道', '北苑街道', '福田街道'] },
  ] },
  { province: '江苏省', cities: [
    { city: '南京市', districts: ['鼓楼区', '玄武区', '江宁区', '建邺区'] },
    { city: '苏州市', districts: ['姑苏区', '工业园区', '吴中区', '昆山市'] },
  ] },
  { province: '四川省', cities: [{ city: '成都市', districts: ['武侯区', '锦江区', '青羊区', '高新区', '郫都区'] }] },
  { province: '湖北省', cities: [{ city: '武汉市', districts: ['江汉区', '武昌区', '洪山区', '汉阳区'] }] },
  { province: '山东省', cities: [
    { city: '济南市', districts: ['历下区', '市中区', '槐荫区'] },
    { city: '青岛市', districts: ['市南区', '崂山区', '黄岛区'] },
  ] },
  { province: '河南省', cities: [{ city: '郑州市', districts: ['金水区', '二七区', '中原区', '郑东新区'] }] },
  { province: '陕西省', cities: [{ city: '西安市', districts: ['雁塔区', '碑林区', '未央区', '长安区'] }] },
  { province: '福建省', cities: [
    { city: '厦门市', districts: ['思明区', '湖里区', '集美区'] },
    { city: '福州市', districts: ['鼓楼区', '台江区', '仓山区'] },
  ] },
  { province: '湖南省', cities: [{ city: '长沙市', districts: ['岳麓区', '芙蓉区', '天心区', '雨花区'] }] },
  { province: '辽宁省', cities: [{ city: '沈阳市', districts: ['和平区', '沈河区', '皇姑区'] }] },
  { province: '云南省', cities: [{ city: '昆明市', districts: ['五华区', '盘龙区', '官渡区'] }] },
  { province: '新疆维吾尔自治区', cities: [{ city: '乌鲁木齐市', districts: ['天山区', '沙依巴克区', '新市区'] }] },
];

export const streets = [
  '人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '文化路', '胜利路', '长江路', '黄河路',
  '花园路', '学院路', '科技路', '创业大道', '滨江大道', '世纪大道', '工业园路', '幸福街', '光明街', '朝阳街',
];

export const buildings = ['小区', '花园', '公寓', '大厦', '广场', '家园', '苑', '工业园', '科技园', '商务中心'];
export const buildingPrefixes = ['阳光', '翠湖', '金色', '锦绣', '恒大', '万科', '碧桂园', '华润', '龙湖', '保利', '绿地', '新城', '东方', '紫荆'];

export const companySuffixes = ['贸易有限公司', '电子商务有限公司', '科技有限公司', '服饰有限公司', '食品有限公司', '家居用品厂', '文化传媒有限公司', '医疗器械有限公司'];
export const companyPrefixes = ['华南', '恒信', '盛达', '鼎盛', '佳美', '天润', '宏图', '瑞丰', '金桥', '汇通', '博雅', '德信', '安泰', '永兴'];

export const items: readonly { name: string; fragile: boolean; electronic: boolean; valueYuan: [number, number] }[] = [
  { name: '服装', fragile: false, electronic: false, valueYuan: [50, 800] },
  { name: '鞋子', fragile: false, electronic: false, valueYuan: [100, 1200] },
  { name: '书籍', fragile: false, electronic: false, valueYuan: [20, 300] },
  { name: '手机', fragile: true, electronic: true, valueYuan: [1500, 9000] },
  { name: '笔记本电脑', fragile: true, electronic: true, valueYuan: [3000, 15000] },
  { name: '耳机', fragile: false, electronic: true, valueYuan: [100, 2000] },
  { name: '化妆品', fragile: true, electronic: false, valueYuan: [80, 1500] },
  { name: '茶叶', fragile: false, electronic: false, valueYuan: [100, 3000] },
  { name: '陶瓷餐具', fragile: true, electronic: false, valueYuan: [100, 1000] },
  { name: '亚克力标牌', fragile: true, electronic: false, valueYuan: [50, 500] },
  { name: '文件', fragile: false, electronic: false, valueYuan: [0, 50] },
  { name: '生鲜水果', fragile: true, electronic: false, valueYuan: [60, 600] },
  { name: '汽车配件', fragile: false, electronic: false, valueYuan: [200, 5000] },
  { name: '玩具', fragile: false, electronic: false, valueYuan: [30, 500] },
];

export const serviceTypes = ['标准快递', '特快', '次日达', '经济快递', '同城急送'];
