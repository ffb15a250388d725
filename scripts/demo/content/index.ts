/** The four fictional brands of the demo store, in display order. */
import { CRAGMORE } from "./cragmore.ts";
import { REGALIS } from "./regalis.ts";
import { STELLAN } from "./stellan.ts";
import type { BrandContent } from "./types.ts";
import { VERDO } from "./verdo.ts";

export const BRANDS: readonly BrandContent[] = [STELLAN, VERDO, REGALIS, CRAGMORE];
