//! The raw query string, decoded once. FreshBooks' list parameters (`search[field]`,
//! `search[field][]`, `include[]`) repeat keys, which typed query extractors flatten, so the
//! emulator keeps every pair in order.

/// The decoded pairs of a request's query string.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Decodes `a=1&b[]=2…` (percent-decoding and `+` as space).
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .map(|raw| {
                url::form_urlencoded::parse(raw.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        Query { pairs }
    }

    /// The first value of a plain parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of a parameter (`name` and `name[]` both count).
    pub fn all(&self, name: &str) -> Vec<&str> {
        let bracketed = format!("{name}[]");
        self.pairs
            .iter()
            .filter(|(key, _)| *key == name || *key == bracketed)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// Every pair except `page` and `per_page`, in order: what a list's filters and order can
    /// depend on.
    pub fn pairs_without_paging(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .filter(|(key, _)| key != "page" && key != "per_page")
            .cloned()
            .collect()
    }

    /// `search[name]=v`.
    pub fn search(&self, name: &str) -> Option<&str> {
        self.get(&format!("search[{name}]"))
    }

    /// `search[name][]=a&search[name][]=b`, or one comma-separated `search[name]=a,b`.
    pub fn search_list(&self, name: &str) -> Vec<String> {
        let listed: Vec<String> = self
            .pairs
            .iter()
            .filter(|(key, _)| *key == format!("search[{name}][]"))
            .map(|(_, value)| value.clone())
            .collect();
        if !listed.is_empty() {
            return listed;
        }
        self.search(name)
            .map(|value| {
                value
                    .split(',')
                    .map(|part| part.trim().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `include[]=name` was asked for.
    pub fn includes(&self, name: &str) -> bool {
        self.all("include").contains(&name)
    }

    /// A plain boolean parameter (`true`/`false`/`1`/`0`, any case); None when absent or unreadable.
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(parse_bool)
    }
}

/// `true`/`false`/`1`/`0`/`yes`/`no`, any case.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}
