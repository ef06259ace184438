#pragma once
/// @file model.hpp
/// @brief Entry point of the economic model: its definition for the engine.
#include "sim/model.hpp"

namespace models {
/// @brief The smesim SME value-chain model: schema, phases, metrics, factory.
const sim::ModelDefinition& definition();
}  // namespace models
