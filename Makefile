# smesim: two commands. `make run` and `make test` install what is missing,
# configure, build in release, and run (the default study / the whole suite).
JOBS ?= $(shell nproc)
BUILD := build/release

.PHONY: run test deps build bench sanitize test-sanitize docs format clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	@mkdir -p results
	@$(BUILD)/smesim run -o results/default.h5 --force

test: build
	@ctest --preset release -j $(JOBS)

bench: deps
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS) --target smesim_bench
	@build/bench/smesim_bench

sanitize: deps
	@cmake --preset sanitize >/dev/null
	@cmake --build --preset sanitize -j $(JOBS)

test-sanitize: sanitize
	@ctest --preset sanitize -j $(JOBS)

docs: build
	@$(BUILD)/smesim docs --out docs

format:
	@clang-format -i sim/*.cpp sim/*.hpp models/*.cpp models/*.hpp output/*.cpp output/*.hpp app/*.cpp tests/*/*.cpp bench/*.cpp

clean:
	@rm -rf build
