fn main() {
    std::process::exit(migprof::cli::main());
}
