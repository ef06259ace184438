#pragma once
/// @file diagnostics.hpp
/// @brief Errors in input files, each naming file, line, key and what was expected.

#include <stdexcept>
#include <string>
#include <vector>

namespace sim {

/// @brief One problem found in an input file.
struct Diagnostic {
  std::string file;
  int line = 0;    ///< 1-based; 0 when unknown
  int column = 0;  ///< 1-based; 0 when unknown
  std::string key; ///< dotted path of the offending key, e.g. "policy[2].coverage"
  std::string message;     ///< what is wrong and what was expected
  std::string suggestion;  ///< close spelling, if any

  /// @brief "file:line:col: key: message (did you mean 'x'?)"
  [[nodiscard]] std::string str() const;
};

/// @brief Thrown when input does not validate; carries every diagnostic found.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diags);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::vector<Diagnostic> diags_;
};

/// @brief Edit distance, for "did you mean" suggestions: Levenshtein, with an
/// adjacent transposition counted as one edit ("yeras" is 1 from "years").
std::size_t edit_distance(const std::string& a, const std::string& b);

/// @brief The closest candidate within a small edit distance, or "".
/// Case-insensitive; accepts a distance up to max(1, word.size() / 3); on a
/// tie the earlier candidate wins.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace sim
