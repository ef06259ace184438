#pragma once
/// @file errors.hpp
/// @brief Exceptions of the output module.

#include <stdexcept>
#include <string>

namespace output {

/// @brief Writing or reading a result file failed; the message says which
/// file, which step and, for HDF5 failures, the library's own message.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief The output file already exists and overwriting was not asked for.
class OutputExistsError : public OutputError {
 public:
  explicit OutputExistsError(const std::string& path)
      : OutputError("output file '" + path +
                    "' already exists; use --force to overwrite it, or choose another path"),
        path_(path) {}
  /// @brief The path that exists.
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace output
