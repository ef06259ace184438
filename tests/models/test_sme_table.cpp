// models/sme_table.cpp: growing the table and keeping the rows a compaction keeps.
#include "models/sme_table.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace {

using models::KeptRows;

// A mask with about one row in `one_in` dropped, from a fixed sequence (splitmix64).
KeptRows mask(std::size_t rows, std::uint64_t one_in, std::uint64_t seed) {
  KeptRows k;
  k.rows = rows;
  k.bits.assign((rows + 63) / 64, 0);
  std::uint64_t x = seed;
  for (std::size_t i = 0; i < rows; ++i) {
    x += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = x;
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    z ^= z >> 31U;
    if (z % one_in != 0) k.bits[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  return k;
}

template <class T>
void check_keeps_in_order(std::size_t rows, std::uint64_t one_in) {
  const KeptRows k = mask(rows, one_in, rows * 31 + one_in);
  std::vector<T> v(rows), expected;
  for (std::size_t i = 0; i < rows; ++i) {
    v[i] = static_cast<T>(i * 7 + 3);
    if (k.kept(i)) expected.push_back(v[i]);
  }
  std::vector<T> scalar = v;
  scalar.resize(models::detail::keep_elements_scalar(scalar.data(), sizeof(T), k));
  models::keep_rows(v, k);  // the vector path where the CPU has it
  ASSERT_EQ(v, expected) << sizeof(T) << "-byte rows, " << rows << " rows, one in " << one_in
                         << " dropped";
  ASSERT_EQ(scalar, expected) << sizeof(T) << "-byte rows (scalar), " << rows << " rows";
}

// Every element size, lengths around the vector widths (a partial last register,
// a partial last mask word), and masks from none dropped to all dropped.
TEST(SmeTable, KeepRowsKeepsTheKeptRowsInOrderForEveryElementSize) {
  for (const std::size_t rows : {0, 1, 7, 8, 15, 16, 17, 63, 64, 65, 200, 1000, 4099}) {
    for (const std::uint64_t one_in : {1, 2, 3, 16, 1000000}) {
      check_keeps_in_order<std::uint8_t>(rows, one_in);
      check_keeps_in_order<std::int16_t>(rows, one_in);
      check_keeps_in_order<float>(rows, one_in);
      check_keeps_in_order<std::uint32_t>(rows, one_in);
      check_keeps_in_order<double>(rows, one_in);
      check_keeps_in_order<std::uint64_t>(rows, one_in);
    }
  }
}

TEST(SmeTable, KeepRowsRejectsAMaskOfAnotherLength) {
  std::vector<float> v(10);
  EXPECT_THROW(models::keep_rows(v, mask(11, 2, 1)), std::logic_error);
}

TEST(SmeTable, AddManyFirmsGivesTheSameRowsAsAddingOneByOne) {
  models::SmeTable a, b;
  for (int k = 0; k < 5; ++k) a.add();
  EXPECT_EQ(b.add(5), 0U);
  EXPECT_EQ(a.add(3), 5U);
  EXPECT_EQ(b.add(), 5U);
  for (int k = 0; k < 2; ++k) b.add();
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.park, b.park);
  EXPECT_EQ(a.guarantee_program, b.guarantee_program);
  EXPECT_EQ(a.line_program, b.line_program);
  EXPECT_EQ(a.fill_ratio, b.fill_ratio);
  EXPECT_EQ(a.supplier, b.supplier);
  EXPECT_EQ(a.park[7], -1);
  EXPECT_EQ(a.fill_ratio[7], 1.0F);
  EXPECT_EQ(a.cash_usd, std::vector<double>(8, 0.0));
}

TEST(SmeTable, SizeClassesAreMicroSmallMedium) {
  // Micro 1-9 employees, small 10-49, medium 50+ (the boundaries belong to the larger class).
  EXPECT_EQ(models::size_class_of(1.0F), 0);
  EXPECT_EQ(models::size_class_of(9.99F), 0);
  EXPECT_EQ(models::size_class_of(10.0F), 1);
  EXPECT_EQ(models::size_class_of(49.99F), 1);
  EXPECT_EQ(models::size_class_of(50.0F), 2);
  EXPECT_EQ(models::size_class_of(1e6F), 2);
}

}  // namespace
