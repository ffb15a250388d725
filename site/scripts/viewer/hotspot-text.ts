/**
 * What each hotspot of the 3D car says (the features of scripts/models3d/car.ts `HOTSPOTS`), in
 * the page's language, from the configuration shown and the chosen trim's specs when the page
 * gives them. Pure: no DOM, no Babylon.
 */
import { ADAS_LABELS, DRIVE_LABELS, SEAT_MATERIAL_LABELS } from "../../../domain/catalog/labels.ts";
import type { AdasLevel, Drive, Powertrain, SeatMaterial } from "../../../domain/catalog/types.ts";
import type { ProductModel } from "../../../domain/configurator/product-model.ts";

/** The specs of a trim the hotspots quote (a subset of the catalogue API's Trim). */
export interface TrimFacts {
  name: string;
  powertrain: Powertrain;
  cltcRangeKm: number | null;
  electricRangeKm: number | null;
  batteryKwh: number | null;
  fuelLPer100km: number | null;
  peakChargeKw: number | null;
  zeroToHundredS: number;
  powerKw: number;
  seats: number;
  seatMaterial: SeatMaterial;
  drive: Drive;
  adasLevel: AdasLevel;
}

export interface HotspotText {
  title: string;
  text: string;
}

export interface HotspotContext {
  lang: "zh" | "en";
  model: ProductModel;
  /** Option codes of the configuration shown. */
  options: readonly string[];
  trims: readonly TrimFacts[];
}

const join = (lang: "zh" | "en", parts: (string | null)[]) =>
  parts.filter(Boolean).join(lang === "zh" ? "，" : ", ") + (lang === "zh" ? "。" : ".");

/**
 * The title and explanation of a feature's hotspot, or null for a feature this module does not know.
 * @example hotspotText("wheel", { lang: "en", model, options: ["wheels-20"], trims: [] })?.title // "20-inch wheels"
 */
export function hotspotText(feature: string, context: HotspotContext): HotspotText | null {
  const { lang, model, options } = context;
  const t = (zh: string, en: string) => (lang === "en" ? en : zh);
  const nameOf = (code: string | undefined) => model.options.find((o) => o.code === code)?.name;
  const trimName = nameOf(options.find((code) => code.startsWith("trim:")))?.zh;
  const trim = context.trims.find((x) => x.name === trimName);
  switch (feature) {
    case "headlight":
      return {
        title: t("贯穿式 LED 灯带", "Full-width LED light bar"),
        text: t(
          "日间行车灯、大灯和转向灯集成在一条灯带里，夜里也一眼认得出。",
          "Daytime running lights, headlights and indicators share one light bar across the nose, easy to recognise at night.",
        ),
      };
    case "wheel": {
      const size = options.map((code) => /^wheels-(\d+)$/.exec(code)?.[1]).find(Boolean);
      return {
        title: size ? t(`${size} 英寸轮毂`, `${size}-inch wheels`) : t("轮毂与制动", "Wheels and brakes"),
        text: join(lang, [
          t("通风盘式制动，红色卡钳", "Ventilated disc brakes with red calipers"),
          trim ? DRIVE_LABELS[trim.drive][lang] : null,
          trim ? t(`最大功率 ${trim.powerKw} kW`, `${trim.powerKw} kW`) : null,
          trim ? t(`百公里加速 ${trim.zeroToHundredS} 秒`, `0–100 km/h in ${trim.zeroToHundredS} s`) : null,
        ]),
      };
    }
    case "energy":
      return energy(trim, lang);
    case "roof":
      return {
        title: t("全景天幕", "Panoramic glass roof"),
        text: t(
          "一整块玻璃车顶，前后排都能看到天空。",
          "One glass panel over the whole cabin: every row sees the sky.",
        ),
      };
    case "screen":
      return {
        title: t("智能座舱", "Cockpit"),
        text: join(lang, [
          t("中控触摸屏与驾驶员仪表屏", "Centre touchscreen and driver display"),
          trim
            ? t(
                `${ADAS_LABELS[trim.adasLevel].zh}（${trim.adasLevel}）`,
                `${ADAS_LABELS[trim.adasLevel].en} (${trim.adasLevel})`,
              )
            : null,
        ]),
      };
    case "seats": {
      const interior = nameOf(options.find((code) => code.startsWith("interior-")))?.[lang];
      if (!trim && !interior)
        return {
          title: t("座椅", "Seats"),
          text: t(
            "座椅材质随版本而定，颜色随所选内饰变化。",
            "The trim sets the seat material; the interior you choose sets its colour.",
          ),
        };
      return {
        title: t("座椅", "Seats"),
        text: join(lang, [
          trim
            ? t(
                `${trim.seats} 座，${SEAT_MATERIAL_LABELS[trim.seatMaterial].zh}座椅`,
                `${trim.seats} seats in ${SEAT_MATERIAL_LABELS[trim.seatMaterial].en.toLowerCase()}`,
              )
            : null,
          interior ? t(`${interior}内饰`, `${interior} interior`) : null,
        ]),
      };
    }
    default:
      return null;
  }
}

function energy(trim: TrimFacts | undefined, lang: "zh" | "en"): HotspotText {
  const t = (zh: string, en: string) => (lang === "en" ? en : zh);
  if (!trim)
    return {
      title: t("补能口", "Charging and fuel"),
      text: t("充电口或加油口在这里。", "The car charges or refuels here."),
    };
  if (trim.powertrain === "BEV")
    return {
      title: t("充电口", "Charging port"),
      text: join(lang, [
        trim.peakChargeKw
          ? t(`直流快充峰值 ${trim.peakChargeKw} kW`, `DC fast charging at up to ${trim.peakChargeKw} kW`)
          : null,
        trim.batteryKwh ? t(`电池 ${trim.batteryKwh} kWh`, `${trim.batteryKwh} kWh battery`) : null,
        trim.cltcRangeKm ? t(`CLTC 续航 ${trim.cltcRangeKm} km`, `CLTC range ${trim.cltcRangeKm} km`) : null,
      ]),
    };
  if (trim.powertrain === "PHEV" || trim.powertrain === "EREV")
    return {
      title: t("充电口", "Charging port"),
      text: join(lang, [
        trim.electricRangeKm
          ? t(`纯电续航 ${trim.electricRangeKm} km`, `${trim.electricRangeKm} km on electricity`)
          : null,
        trim.cltcRangeKm ? t(`综合续航 ${trim.cltcRangeKm} km`, `${trim.cltcRangeKm} km in all`) : null,
        t("日常充电，长途加油", "charge every day, refuel on long trips"),
      ]),
    };
  return {
    title: t("加油口", "Fuel filler"),
    text: trim.fuelLPer100km
      ? t(`百公里油耗 ${trim.fuelLPer100km} L。`, `${trim.fuelLPer100km} L per 100 km.`)
      : t("加油口在这里。", "The car refuels here."),
  };
}
