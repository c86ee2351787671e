// Encoding of each .scimg section payload (docs/isa.md, "Image format").
// The container (header, section table, CRCs) lives in image.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/byte_io.h"
#include "isa/chip_config.h"

namespace spikecore::isa::detail {

void write_weights(ByteWriter& w, const CoreConfig& core);
void write_program(ByteWriter& w, const CoreConfig& core);
void write_routes(ByteWriter& w, const CoreConfig& core);
void write_neurons(ByteWriter& w, const CoreConfig& core);
void write_host(ByteWriter& w, const HostConfig& host);
void write_reference(ByteWriter& w, const HostConfig& host);

// Readers consume the whole payload (trailing bytes are an error) and throw
// ImageError naming the section and the entry that is wrong.
void read_weights(ByteReader& r, CoreConfig& core);
void read_program(ByteReader& r, CoreConfig& core);
void read_routes(ByteReader& r, CoreConfig& core);
// ROUTE_CHIPS: one destination-chip byte per route entry (after ROUTES).
bool has_remote_routes(const CoreConfig& core);
void write_route_chips(ByteWriter& w, const CoreConfig& core);
void read_route_chips(ByteReader& r, CoreConfig& core);
void read_neurons(ByteReader& r, CoreConfig& core);
void read_host(ByteReader& r, HostConfig& host);
void read_reference(ByteReader& r, HostConfig& host);

bool has_nonzero_weights(const CoreConfig& core);
bool has_custom_neurons(const CoreConfig& core);

}  // namespace spikecore::isa::detail
