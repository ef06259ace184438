#include "sim/diagnostics.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace sim {

std::string Diagnostic::str() const {
  std::string location = file;
  if (line > 0) {
    location += ":" + std::to_string(line);
    if (column > 0) location += ":" + std::to_string(column);
  }
  std::string out;
  for (const std::string* part : {static_cast<const std::string*>(&location), &key}) {
    if (part->empty()) continue;
    out += *part;
    out += ": ";
  }
  out += message;
  if (!suggestion.empty()) out += " (did you mean '" + suggestion + "'?)";
  return out;
}

namespace {
std::string summary(const std::vector<Diagnostic>& diags) {
  std::string text = std::to_string(diags.size()) + (diags.size() == 1 ? " error" : " errors") +
                     " in scenario input";
  for (const auto& d : diags) text += "\n" + d.str();
  return text;
}

std::string lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diags)
    : std::runtime_error(summary(diags)), diags_(std::move(diags)) {}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions, so
  // that the most common typo ("yeras" for "years") costs 1, not 2.
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string w = lower(word);
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(w, lower(c));
    // Strictly better only, so ties go to the earlier candidate.
    if (d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  return best != nullptr ? *best : std::string{};
}

}  // namespace sim
