/** Packages and individual features the models offer, and which trims fit them. */
import type { AdasLevel, BodyType, Powertrain } from "../../../domain/catalog/types.ts";
import type { BrandCharacter, FeatureCode, PackageCode, Segment } from "./types.ts";

/** What equipment rules look at: the model, and where the trim sits in its model's range (0 cheapest, 1 top). */
export interface TrimFacts {
  rank: number;
  recipeCode: string;
  recipePackages: readonly PackageCode[];
  powertrain: Powertrain;
  adasLevel: AdasLevel;
  seats: number;
}

export interface ModelFacts {
  bodyType: BodyType;
  segment: Segment;
  seats: number;
  character: BrandCharacter;
}

export interface PackageTemplate {
  code: PackageCode;
  name: string;
  nameEn: string;
  offered(trim: TrimFacts): boolean;
  standard(trim: TrimFacts): boolean;
}

export interface FeatureTemplate {
  code: FeatureCode;
  name: string;
  nameEn: string;
  priceYuan: number;
  eligible(model: ModelFacts): boolean;
  /** Trims from this rank up offer it (as long as it fits their powertrain). */
  offeredFrom: number;
  /** Trims from this rank up fit it as standard; above 1 means never by rank. */
  standardFrom: number;
  standardOnRecipes?: readonly string[];
  fits?(trim: TrimFacts): boolean;
}

export const PACKAGES: Record<PackageCode, PackageTemplate> = {
  sport: {
    code: "sport",
    name: "运动套件",
    nameEn: "Sport Package",
    offered: (trim) => trim.rank >= 0.25,
    standard: () => false,
  },
  comfort: {
    code: "comfort",
    name: "舒适套件",
    nameEn: "Comfort Package",
    offered: () => true,
    standard: (trim) => trim.rank >= 0.75,
  },
  pilot: {
    code: "pilot",
    name: "智驾套件",
    nameEn: "Pilot Package",
    offered: (trim) => trim.adasLevel !== "L2",
    standard: (trim) => trim.adasLevel === "L2++",
  },
  convenience: {
    code: "convenience",
    name: "便捷套件",
    nameEn: "Convenience Package",
    offered: () => true,
    standard: (trim) => trim.rank >= 0.5,
  },
  executive: {
    code: "executive",
    name: "行政套件",
    nameEn: "Executive Package",
    offered: (trim) => trim.rank >= 0.25,
    standard: (trim) => trim.rank >= 0.9,
  },
  offroad: {
    code: "offroad",
    name: "越野套件",
    nameEn: "Off-Road Package",
    offered: () => true,
    standard: () => false,
  },
  camping: {
    code: "camping",
    name: "露营套件",
    nameEn: "Camping Package",
    offered: () => true,
    standard: () => false,
  },
};

const isBig = (model: ModelFacts) => model.segment === "C" || model.segment === "D";
const carriesFamily = (model: ModelFacts) =>
  model.bodyType === "mpv" ||
  (model.bodyType === "suv" && model.seats >= 6) ||
  (model.bodyType === "sedan" && model.segment === "D");
const isUpmarket = (model: ModelFacts) => model.character === "premium-bev" || model.character === "luxury";

/** Individual features in catalogue order. */
export const FEATURES: readonly FeatureTemplate[] = [
  {
    code: "hud",
    name: "AR-HUD 抬头显示",
    nameEn: "AR head-up display",
    priceYuan: 5000,
    eligible: (model) => model.segment !== "A0",
    offeredFrom: 0,
    standardFrom: 0.5,
  },
  {
    code: "audio",
    name: "21 扬声器环绕音响",
    nameEn: "21-speaker surround audio",
    priceYuan: 8000,
    eligible: (model) => model.segment !== "A0",
    offeredFrom: 0,
    standardFrom: 0.75,
  },
  {
    code: "roof",
    name: "全景天幕",
    nameEn: "Panoramic glass roof",
    priceYuan: 4000,
    eligible: (model) => model.bodyType !== "mpv",
    offeredFrom: 0,
    standardFrom: 0.25,
  },
  {
    code: "tow",
    name: "电动拖车钩",
    nameEn: "Electric tow hitch",
    priceYuan: 4000,
    eligible: (model) => model.bodyType === "suv" || model.bodyType === "mpv",
    offeredFrom: 0,
    standardFrom: 2,
    standardOnRecipes: ["trail", "overland"],
  },
  {
    code: "fridge",
    name: "车载冰箱",
    nameEn: "In-car fridge",
    priceYuan: 4000,
    eligible: (model) => model.bodyType === "mpv" || (model.bodyType === "suv" && model.seats >= 6),
    offeredFrom: 0,
    standardFrom: 0.75,
  },
  {
    code: "rear-screen",
    name: "后排娱乐屏",
    nameEn: "Rear entertainment screen",
    priceYuan: 10000,
    eligible: carriesFamily,
    offeredFrom: 0.25,
    standardFrom: 0.75,
  },
  {
    code: "air-suspension",
    name: "双腔空气悬架",
    nameEn: "Dual-chamber air suspension",
    priceYuan: 16000,
    eligible: (model) => model.character !== "mass-nev" && model.segment !== "A" && model.bodyType !== "hatchback",
    offeredFrom: 0.25,
    standardFrom: 0.75,
  },
  {
    code: "rear-steer",
    name: "后轮转向",
    nameEn: "Rear-wheel steering",
    priceYuan: 10000,
    eligible: (model) => isUpmarket(model) && isBig(model) && model.bodyType !== "mpv",
    offeredFrom: 0.5,
    standardFrom: 1,
  },
  {
    code: "heated-wheel",
    name: "方向盘加热",
    nameEn: "Heated steering wheel",
    priceYuan: 1500,
    eligible: () => true,
    offeredFrom: 0,
    standardFrom: 0.5,
  },
  {
    code: "ambient",
    name: "256 色氛围灯",
    nameEn: "256-colour ambient lighting",
    priceYuan: 2000,
    eligible: () => true,
    offeredFrom: 0,
    standardFrom: 0.5,
  },
  {
    code: "v2l",
    name: "6 千瓦对外放电",
    nameEn: "6 kW vehicle-to-load outlet",
    priceYuan: 1500,
    eligible: () => true,
    offeredFrom: 0,
    standardFrom: 0.75,
    fits: (trim) => trim.powertrain !== "ICE" && trim.powertrain !== "HEV",
  },
  {
    code: "roof-rack",
    name: "车顶行李架",
    nameEn: "Roof rack",
    priceYuan: 2500,
    eligible: (model) => model.bodyType === "suv",
    offeredFrom: 0,
    standardFrom: 0.5,
    standardOnRecipes: ["trail", "overland"],
  },
  {
    code: "winch",
    name: "前置电动绞盘",
    nameEn: "Front electric winch",
    priceYuan: 9000,
    eligible: (model) => model.character === "rugged-erev" && model.bodyType === "suv",
    offeredFrom: 0.25,
    standardFrom: 2,
    standardOnRecipes: ["overland"],
  },
  {
    code: "privacy-glass",
    name: "后排隐私玻璃",
    nameEn: "Rear privacy glass",
    priceYuan: 2000,
    eligible: () => true,
    offeredFrom: 0,
    standardFrom: 0.25,
  },
  {
    code: "running-boards",
    name: "电动踏板",
    nameEn: "Power running boards",
    priceYuan: 6000,
    eligible: (model) => (model.bodyType === "suv" && isBig(model)) || model.bodyType === "mpv",
    offeredFrom: 0,
    standardFrom: 0.75,
  },
  {
    code: "rear-massage",
    name: "二排按摩座椅",
    nameEn: "Second-row massage seats",
    priceYuan: 8000,
    eligible: carriesFamily,
    offeredFrom: 0.25,
    standardFrom: 0.75,
  },
  {
    code: "soft-close",
    name: "电吸门",
    nameEn: "Soft-close doors",
    priceYuan: 4000,
    eligible: isUpmarket,
    offeredFrom: 0,
    standardFrom: 0.5,
  },
];
