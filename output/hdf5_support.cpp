#include "output/hdf5_support.hpp"

#include "output/errors.hpp"

#include <algorithm>
#include <utility>

namespace output::h5 {

namespace {

herr_t collect_error(unsigned /*n*/, const H5E_error2_t* err, void* data) {
  auto* lines = static_cast<std::vector<std::string>*>(data);
  std::string line = err->func_name != nullptr ? std::string(err->func_name) + "(): " : "";
  line += err->desc != nullptr ? err->desc : "unknown error";
  // Some messages (the file drivers') carry newlines; keep the text on one line.
  std::replace(line.begin(), line.end(), '\n', ' ');
  lines->push_back(std::move(line));
  return 0;
}

/// Reads `n` strings through `read(memtype, buffer)`, whatever the file's
/// string layout; `file_type` is the stored type.
template <class ReadFn>
std::vector<std::string> read_string_values(hid_t file_type, hid_t space, std::size_t n,
                                            const std::string& what, ReadFn read) {
  if (H5Tget_class(file_type) != H5T_STRING) {
    throw OutputError(what + " is not a string");
  }
  std::vector<std::string> out;
  out.reserve(n);
  const H5T_cset_t cset = H5Tget_cset(file_type);
  if (check_tri(H5Tis_variable_str(file_type), "H5Tis_variable_str", what)) {
    Id mem(check_id(H5Tcopy(H5T_C_S1), "H5Tcopy", what), H5Tclose);
    check(H5Tset_size(mem.get(), H5T_VARIABLE), "H5Tset_size", what);
    check(H5Tset_cset(mem.get(), cset), "H5Tset_cset", what);
    std::vector<char*> ptrs(n, nullptr);
    if (n == 0) return out;
    check(read(mem.get(), ptrs.data()), "H5Aread/H5Dread", what);
    for (char* p : ptrs) out.emplace_back(p != nullptr ? p : "");
    // The library allocated the strings; give them back the library's way.
    check(H5Dvlen_reclaim(mem.get(), space, H5P_DEFAULT, ptrs.data()), "H5Dvlen_reclaim", what);
    return out;
  }
  const std::size_t size = H5Tget_size(file_type);
  Id mem(check_id(H5Tcopy(file_type), "H5Tcopy", what), H5Tclose);
  std::vector<char> buf(size * n + 1, '\0');
  if (n == 0) return out;
  check(read(mem.get(), buf.data()), "H5Aread/H5Dread", what);
  for (std::size_t i = 0; i < n; ++i) {
    std::string s(buf.data() + i * size, size);
    s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
    // Space-padded strings (Fortran style) carry their padding in the file.
    if (H5Tget_strpad(file_type) == H5T_STR_SPACEPAD) {
      s.erase(s.find_last_not_of(' ') + 1);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::size_t element_count(hid_t space, const std::string& what) {
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) check(-1, "H5Sget_simple_extent_npoints", what);
  return static_cast<std::size_t>(n);
}

Id open_attr(hid_t obj, const std::string& name) {
  return {check_id(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "H5Aopen", "attribute '" + name + "'"),
          H5Aclose};
}

template <class T>
void write_number_attr(hid_t obj, const std::string& name, hid_t mem_type, hid_t file_type,
                       T value) {
  const std::string what = "attribute '" + name + "'";
  Id space = dataspace({});
  Id attr(check_id(H5Acreate2(obj, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   "H5Acreate2", what),
          H5Aclose);
  check(H5Awrite(attr.get(), mem_type, &value), "H5Awrite", what);
}

template <class T>
T read_number_attr(hid_t obj, const std::string& name, hid_t mem_type) {
  Id attr = open_attr(obj, name);
  T value{};
  check(H5Aread(attr.get(), mem_type, &value), "H5Aread", "attribute '" + name + "'");
  return value;
}

}  // namespace

std::string error_stack_text() {
  std::vector<std::string> lines;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_error, &lines);
  H5Eclear2(H5E_DEFAULT);
  if (lines.empty()) return "";
  // The outermost entry says what the call was doing, the innermost why it
  // failed (e.g. the operating system's error); the middle is plumbing.
  std::string text = lines.front();
  if (lines.size() > 1) text += "; " + lines.back();
  return text;
}

void check(herr_t status, const char* call, const std::string& what) {
  if (status >= 0) return;
  std::string msg = std::string(call) + " failed (" + what + ")";
  const std::string detail = error_stack_text();
  if (!detail.empty()) msg += ": " + detail;
  throw OutputError(msg);
}

hid_t check_id(hid_t id, const char* call, const std::string& what) {
  check(id < 0 ? -1 : 0, call, what);
  return id;
}

bool check_tri(htri_t value, const char* call, const std::string& what) {
  check(value < 0 ? -1 : 0, call, what);
  return value > 0;
}

Id& Id::operator=(Id&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = std::exchange(other.id_, H5I_INVALID_HID);
    closer_ = other.closer_;
  }
  return *this;
}

void Id::reset() noexcept {
  if (id_ >= 0 && closer_ != nullptr) {
    closer_(id_);
    H5Eclear2(H5E_DEFAULT);
  }
  id_ = H5I_INVALID_HID;
}

void Id::close(const std::string& what) {
  if (id_ < 0 || closer_ == nullptr) return;
  const hid_t id = std::exchange(id_, H5I_INVALID_HID);
  check(closer_(id), "close", what);
}

QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &saved_func_, &saved_data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, saved_func_, saved_data_); }

Id open_group(hid_t loc, const std::string& name) {
  return {check_id(H5Gopen2(loc, name.c_str(), H5P_DEFAULT), "H5Gopen2", "group '" + name + "'"),
          H5Gclose};
}

Id open_dataset(hid_t loc, const std::string& name) {
  return {check_id(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), "H5Dopen2", "dataset '" + name + "'"),
          H5Dclose};
}

Id vlen_string_type() {
  Id type(check_id(H5Tcopy(H5T_C_S1), "H5Tcopy", "string type"), H5Tclose);
  check(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size", "string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type");
  return type;
}

Id dataspace(const std::vector<hsize_t>& dims) {
  if (dims.empty()) {
    return {check_id(H5Screate(H5S_SCALAR), "H5Screate", "scalar dataspace"), H5Sclose};
  }
  return {check_id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                   "H5Screate_simple", "dataspace"),
          H5Sclose};
}

void write_attr(hid_t obj, const std::string& name, const std::string& value) {
  const std::string what = "attribute '" + name + "'";
  Id type = vlen_string_type();
  Id space = dataspace({});
  Id attr(check_id(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   "H5Acreate2", what),
          H5Aclose);
  const char* ptr = value.c_str();
  check(H5Awrite(attr.get(), type.get(), &ptr), "H5Awrite", what);
}

void write_attr(hid_t obj, const std::string& name, const std::vector<std::string>& values) {
  const std::string what = "attribute '" + name + "'";
  Id type = vlen_string_type();
  Id space = dataspace({static_cast<hsize_t>(values.size())});
  Id attr(check_id(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   "H5Acreate2", what),
          H5Aclose);
  if (values.empty()) return;
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& v : values) ptrs.push_back(v.c_str());
  check(H5Awrite(attr.get(), type.get(), ptrs.data()), "H5Awrite", what);
}

void write_attr(hid_t obj, const std::string& name, std::int64_t value) {
  write_number_attr(obj, name, H5T_NATIVE_INT64, H5T_STD_I64LE, value);
}

void write_attr(hid_t obj, const std::string& name, std::uint64_t value) {
  write_number_attr(obj, name, H5T_NATIVE_UINT64, H5T_STD_U64LE, value);
}

void write_attr(hid_t obj, const std::string& name, double value) {
  write_number_attr(obj, name, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, value);
}

bool has_attr(hid_t obj, const std::string& name) {
  return check_tri(H5Aexists(obj, name.c_str()), "H5Aexists", "attribute '" + name + "'");
}

std::string read_string_attr(hid_t obj, const std::string& name) {
  const std::string what = "attribute '" + name + "'";
  Id attr = open_attr(obj, name);
  Id type(check_id(H5Aget_type(attr.get()), "H5Aget_type", what), H5Tclose);
  Id space(check_id(H5Aget_space(attr.get()), "H5Aget_space", what), H5Sclose);
  if (element_count(space.get(), what) != 1) throw OutputError(what + " is not a single string");
  auto values = read_string_values(type.get(), space.get(), 1, what, [&](hid_t mem, void* buf) {
    return H5Aread(attr.get(), mem, buf);
  });
  return values.front();
}

std::vector<std::string> read_strings_attr(hid_t obj, const std::string& name) {
  const std::string what = "attribute '" + name + "'";
  Id attr = open_attr(obj, name);
  Id type(check_id(H5Aget_type(attr.get()), "H5Aget_type", what), H5Tclose);
  Id space(check_id(H5Aget_space(attr.get()), "H5Aget_space", what), H5Sclose);
  return read_string_values(type.get(), space.get(), element_count(space.get(), what), what,
                            [&](hid_t mem, void* buf) { return H5Aread(attr.get(), mem, buf); });
}

std::int64_t read_int_attr(hid_t obj, const std::string& name) {
  return read_number_attr<std::int64_t>(obj, name, H5T_NATIVE_INT64);
}

std::uint64_t read_uint_attr(hid_t obj, const std::string& name) {
  return read_number_attr<std::uint64_t>(obj, name, H5T_NATIVE_UINT64);
}

std::vector<double> read_doubles(hid_t loc, const std::string& name) {
  const std::string what = "dataset '" + name + "'";
  Id ds = open_dataset(loc, name);
  Id space(check_id(H5Dget_space(ds.get()), "H5Dget_space", what), H5Sclose);
  std::vector<double> values(element_count(space.get(), what));
  if (values.empty()) return values;
  check(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "H5Dread",
        what);
  return values;
}

std::vector<std::string> read_strings(hid_t loc, const std::string& name) {
  const std::string what = "dataset '" + name + "'";
  Id ds = open_dataset(loc, name);
  Id type(check_id(H5Dget_type(ds.get()), "H5Dget_type", what), H5Tclose);
  Id space(check_id(H5Dget_space(ds.get()), "H5Dget_space", what), H5Sclose);
  return read_string_values(type.get(), space.get(), element_count(space.get(), what), what,
                            [&](hid_t mem, void* buf) {
                              return H5Dread(ds.get(), mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
                            });
}

std::vector<hsize_t> dataset_dims(hid_t dataset, const std::string& what) {
  Id space(check_id(H5Dget_space(dataset), "H5Dget_space", what), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  check(rank < 0 ? -1 : 0, "H5Sget_simple_extent_ndims", what);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0) {
    check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), "H5Sget_simple_extent_dims",
          what);
  }
  return dims;
}

}  // namespace output::h5
