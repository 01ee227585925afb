/** Rolling-origin backtests of forecasters: MASE, sMAPE, interval coverage. */
package io.vigil.eval.forecast;
