import { binanceProbes } from '../sources/binance/doctor';
import { bybitProbes } from '../sources/bybit/doctor';
import { deribitProbes } from '../sources/deribit/doctor';
import { okxProbes } from '../sources/okx/doctor';
import { ProbeCatalog } from './run';

/** The sources `doctor` probes: the venues with live streams, whose drift costs data silently. */
export const doctorCatalog: ProbeCatalog = {
  binance: binanceProbes,
  bybit: bybitProbes,
  okx: okxProbes,
  deribit: deribitProbes,
};
