//! The two languages every word the engine writes comes in.

/// Vietnamese (the default) or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `"vi"` or `"en"`; anything else is `None`.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::lang::Lang;
    /// assert_eq!(Lang::parse("en"), Some(Lang::En));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code, as HTML's `lang` attribute takes it.
    ///
    /// # Example
    /// ```
    /// assert_eq!(grdp_whatif::lang::Lang::Vi.code(), "vi");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Pick the word for this language.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::lang::Lang;
    /// assert_eq!(Lang::En.pick("năm", "year"), "year");
    /// ```
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
