#pragma once
/// @file bank.hpp
/// @brief Bank: a commercial bank lending to SMEs of one economy.
#include <cstdint>

namespace models {

/// @brief A commercial bank. Its cash may go negative: that stands for
/// deposits and wholesale funding, which the model does not represent.
struct Bank {
  std::uint8_t economy = 0;
  double cash_usd = 0;       ///< money account
  double equity_usd = 0;     ///< capital: initial + interest - losses
  double loans_usd = 0;      ///< outstanding loans to SMEs
  double line_loans_usd = 0; ///< part of loans_usd funded by development credit lines (outside the capital limit)
  double losses_usd = 0;     ///< cumulative credit losses
  double lent_this_step_usd = 0;
};

}  // namespace models
