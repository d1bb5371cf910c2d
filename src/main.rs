// mimalloc: see Cargo.toml. The library leaves the allocator to the program that uses it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(migprof::cli::main());
}
