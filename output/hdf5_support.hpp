#pragma once
/// @file hdf5_support.hpp
/// @brief Internal helpers over the HDF5 C API shared by the writer and the
/// reader: owning handles, checked calls, string and number attributes.
/// Not part of the module's public interface.

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace output::h5 {

/// @brief The messages on HDF5's current error stack, innermost last, joined
/// by "; " (empty when the stack is empty).
std::string error_stack_text();

/// @brief Throws OutputError naming `call` and `what` and carrying HDF5's
/// message when `status` is negative (HDF5's failure convention).
void check(herr_t status, const char* call, const std::string& what);

/// @brief As check(), for calls returning an identifier; returns it.
hid_t check_id(hid_t id, const char* call, const std::string& what);

/// @brief As check(), for calls returning a tri-state (negative: error); returns it > 0.
bool check_tri(htri_t value, const char* call, const std::string& what);

/// @brief Owns one HDF5 identifier and closes it with the matching H5xclose.
class Id {
 public:
  using Closer = herr_t (*)(hid_t);
  Id() = default;
  Id(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  Id(Id&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = H5I_INVALID_HID; }
  Id& operator=(Id&& other) noexcept;
  /// Closing errors are ignored here: a destructor runs on error paths,
  /// where the first failure is the one worth reporting.
  ~Id() { reset(); }

  [[nodiscard]] hid_t get() const { return id_; }
  /// @brief Closes now, throwing OutputError when HDF5 reports a failure
  /// (for the file, where closing flushes data).
  void close(const std::string& what);

 private:
  void reset() noexcept;
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

/// @brief Silences HDF5's automatic error printing for its lifetime, so
/// failures reach the user once, inside the exception message.
class QuietErrors {
 public:
  QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
  ~QuietErrors();

 private:
  H5E_auto2_t saved_func_ = nullptr;
  void* saved_data_ = nullptr;
};

/// @name Checked wrappers that return owning handles
/// @{
Id open_group(hid_t loc, const std::string& name);
Id open_dataset(hid_t loc, const std::string& name);
/// @brief Variable-length UTF-8 string type (read by h5py as str).
Id vlen_string_type();
/// @brief Simple dataspace of the given extent (rank 0: scalar).
Id dataspace(const std::vector<hsize_t>& dims);
/// @}

/// @name Attributes
/// @{
void write_attr(hid_t obj, const std::string& name, const std::string& value);
void write_attr(hid_t obj, const std::string& name, const std::vector<std::string>& values);
void write_attr(hid_t obj, const std::string& name, std::int64_t value);
void write_attr(hid_t obj, const std::string& name, std::uint64_t value);
void write_attr(hid_t obj, const std::string& name, double value);

[[nodiscard]] bool has_attr(hid_t obj, const std::string& name);
/// @brief A scalar string attribute, fixed or variable length.
std::string read_string_attr(hid_t obj, const std::string& name);
/// @brief A 1-D string attribute, fixed or variable length.
std::vector<std::string> read_strings_attr(hid_t obj, const std::string& name);
std::int64_t read_int_attr(hid_t obj, const std::string& name);
std::uint64_t read_uint_attr(hid_t obj, const std::string& name);
/// @}

/// @name Datasets
/// @{
/// @brief Reads a whole dataset of numbers as float64.
std::vector<double> read_doubles(hid_t loc, const std::string& name);
/// @brief Reads a whole 1-D dataset of strings, fixed or variable length.
std::vector<std::string> read_strings(hid_t loc, const std::string& name);
/// @brief Extent of a dataset.
std::vector<hsize_t> dataset_dims(hid_t dataset, const std::string& what);
/// @}

}  // namespace output::h5
