#include "models/sme_table.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace models {
namespace {
// Applies f to every column, so add/reserve/bytes cannot forget one.
template <class T, class F>
void each_column(T& t, F&& f) {
  f(t.economy); f(t.sector); f(t.tier); f(t.size_class); f(t.flags); f(t.rng_key); f(t.park);
  f(t.age_steps); f(t.negative_equity_steps); f(t.employees); f(t.capital_usd); f(t.log_phi);
  f(t.quality); f(t.green); f(t.cash_usd); f(t.debt_usd); f(t.loan_rate_per_year);
  f(t.principal_per_step); f(t.guarantee_share); f(t.guarantee_program); f(t.credit_line_usd); f(t.line_program);
  f(t.capacity_units); f(t.price); f(t.local_demand_units); f(t.orders_units); f(t.output_units);
  f(t.revenue_usd); f(t.fill_ratio); f(t.costs_usd); f(t.profit_usd); f(t.pending_upgrade);
  f(t.pending_invest_usd);
}
}  // namespace

std::uint32_t SmeTable::add() { return add(1); }

std::uint32_t SmeTable::add(std::size_t count) {
  const std::size_t first = size(), n = first + count;
  each_column(*this, [n](auto& v) { v.resize(n); });
  const auto from = static_cast<std::ptrdiff_t>(first);
  std::fill(park.begin() + from, park.end(), std::int16_t{-1});
  std::fill(guarantee_program.begin() + from, guarantee_program.end(), std::int16_t{-1});
  std::fill(line_program.begin() + from, line_program.end(), std::int16_t{-1});
  std::fill(fill_ratio.begin() + from, fill_ratio.end(), 1.0F);
  supplier.resize(n * kMaxSlots, kNoFirm);
  return static_cast<std::uint32_t>(first);
}

void SmeTable::reserve(std::size_t n) {
  each_column(*this, [n](auto& v) { v.reserve(n); });
  supplier.reserve(n * kMaxSlots);
}

void SmeTable::compact(std::vector<std::uint32_t>& new_row, KeptRows& kept) {
  const std::size_t n = size();
  new_row.resize(n);
  kept.rows = n;
  kept.bits.assign((n + 63) / 64, 0);
  std::uint32_t next = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool live = alive(i);
    new_row[i] = live ? next : kNoFirm;
    next += live ? 1U : 0U;
    kept.bits[i / 64] |= static_cast<std::uint64_t>(live) << (i % 64);
  }
  each_column(*this, [&kept](auto& v) { keep_rows(v, kept); });
  for (std::size_t i = 0; i < n; ++i) {
    if (new_row[i] == kNoFirm) continue;
    for (int k = 0; k < kMaxSlots; ++k) {
      const std::uint32_t j = supplier[i * kMaxSlots + k];
      supplier[static_cast<std::size_t>(new_row[i]) * kMaxSlots + k] = j == kNoFirm ? kNoFirm : new_row[j];
    }
  }
  supplier.resize(static_cast<std::size_t>(next) * kMaxSlots);
}

namespace detail {
namespace {

template <class U>
std::size_t keep_scalar(unsigned char* p, const KeptRows& kept, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < kept.rows; ++i) {
    U x;
    std::memcpy(&x, p + i * sizeof(U), sizeof(U));
    std::memcpy(p + to * sizeof(U), &x, sizeof(U));
    to += (kept.bits[i / 64] >> (i % 64)) & 1U;
  }
  return to;
}

std::size_t keep_scalar_from(unsigned char* p, std::size_t size, const KeptRows& kept,
                             std::size_t from, std::size_t to) {
  switch (size) {
    case 1:
      return keep_scalar<std::uint8_t>(p, kept, from, to);
    case 2:
      return keep_scalar<std::uint16_t>(p, kept, from, to);
    case 4:
      return keep_scalar<std::uint32_t>(p, kept, from, to);
    case 8:
      return keep_scalar<std::uint64_t>(p, kept, from, to);
    default:
      throw std::logic_error("keep_elements: element size must be 1, 2, 4 or 8 bytes");
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
// 64 bytes of rows at a time: the kept ones packed to the front of a register
// (vpcompress), stored whole at the write position. The bytes stored past the kept
// ones land on rows already loaded (the write position never passes the read one),
// so they are overwritten later or dropped by the final resize.
template <std::size_t kSize>
__attribute__((target("avx512f,avx512bw,avx512vbmi2"))) std::size_t keep_avx512(
    unsigned char* p, const KeptRows& kept) {
  constexpr std::size_t kPer =
      64 / kSize;  // rows per register; divides 64, so one mask word serves
  std::size_t i = 0, to = 0;
  for (; i + kPer <= kept.rows; i += kPer) {
    const std::uint64_t word = kept.bits[i / 64];
    const __m512i x = _mm512_loadu_si512(p + i * kSize);
    __m512i c;
    std::uint64_t m;
    if constexpr (kSize == 1) {
      m = word;
      c = _mm512_maskz_compress_epi8(m, x);
    } else if constexpr (kSize == 2) {
      m = (word >> (i % 64)) & 0xFFFFFFFFULL;
      c = _mm512_maskz_compress_epi16(static_cast<__mmask32>(m), x);
    } else if constexpr (kSize == 4) {
      m = (word >> (i % 64)) & 0xFFFFULL;
      c = _mm512_maskz_compress_epi32(static_cast<__mmask16>(m), x);
    } else {
      m = (word >> (i % 64)) & 0xFFULL;
      c = _mm512_maskz_compress_epi64(static_cast<__mmask8>(m), x);
    }
    _mm512_storeu_si512(p + to * kSize, c);
    to += static_cast<std::size_t>(__builtin_popcountll(m));
  }
  return keep_scalar_from(p, kSize, kept, i, to);
}

bool has_avx512_compress() {
  // Asked once; constant for the process.
  static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vbmi2");
  return yes;
}
#endif

}  // namespace

std::size_t keep_elements_scalar(void* data, std::size_t size, const KeptRows& kept) {
  return keep_scalar_from(static_cast<unsigned char*>(data), size, kept, 0, 0);
}

std::size_t keep_elements(void* data, std::size_t size, const KeptRows& kept) {
  auto* p = static_cast<unsigned char*>(data);
#if defined(__x86_64__) && defined(__GNUC__)
  if (has_avx512_compress()) {
    switch (size) {
      case 1:
        return keep_avx512<1>(p, kept);
      case 2:
        return keep_avx512<2>(p, kept);
      case 4:
        return keep_avx512<4>(p, kept);
      case 8:
        return keep_avx512<8>(p, kept);
      default:
        break;
    }
  }
#endif
  return keep_scalar_from(p, size, kept, 0, 0);
}

}  // namespace detail

std::size_t SmeTable::bytes_per_firm() const {
  std::size_t bytes = 0;
  each_column(*this, [&bytes](const auto& v) { bytes += sizeof(typename std::decay_t<decltype(v)>::value_type); });
  return bytes + kMaxSlots * sizeof(std::uint32_t);
}

}  // namespace models
