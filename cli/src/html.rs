pub fn page(_: &crate::report::Report, _: &serde_json::Value) -> String {
    String::new()
}
