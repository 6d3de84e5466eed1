/// A self-contained HTML page for a results folder (`report.html`): one file with its style inline,
/// no external resource of any kind (no web fonts, scripts, images or style sheets; a
/// Content-Security-Policy forbids loading any), readable on a laptop and printable, and complete
/// without JavaScript. Sections hold headings, paragraphs, tables and figures (inline SVG charts).
///
/// One small inline script records, on the root element, whether the page loaded
/// (`data-rendered="true"`), how many charts it has (`data-charts`) and how many errors
/// (`data-script-errors`) and blocked loads (`data-blocked-resources`) happened, so a headless
/// browser can check the page; it changes nothing visible.
///
///     var page = HTMLPage(title: "Run report: hotline-day")
///     page.facts = [HTMLPage.Fact(name: "Seed", value: "1")]
///     page.sections.append(HTMLSection(id: "kpis", title: "Headline KPIs", blocks: [.table(table)]))
///     let html = page.rendered()
///
/// Text is escaped when rendered; only chart markup (``HTMLBlock/figure(svg:caption:)``) is
/// inserted as it is, and the charts escape their own text.
public struct HTMLPage: Hashable, Sendable {
  /// A name–value pair shown under the title (scenario, seed, replications…).
  public struct Fact: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The page title (`<title>` and the `<h1>`).
  public var title: String
  /// A line under the title.
  public var subtitle: String?
  public var facts: [Fact]
  public var sections: [HTMLSection]
  /// A closing paragraph (how the page was made).
  public var footer: String?
  /// `<meta name="generator">`, e.g. `ccsim 0.4.0`.
  public var generator: String?

  public init(title: String, subtitle: String? = nil, facts: [Fact] = [], sections: [HTMLSection] = [],
              footer: String? = nil, generator: String? = nil) {
    self.title = title
    self.subtitle = subtitle
    self.facts = facts
    self.sections = sections
    self.footer = footer
    self.generator = generator
  }

  /// The style sheet: system fonts, tables with tabular figures, figures that scale down on narrow
  /// screens and do not break across printed pages.
  static let style = """
    :root{color-scheme:light}
    *{box-sizing:border-box}
    body{margin:0;background:#fff;color:\(ChartColor.text);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:16px;line-height:1.45}
    main{max-width:1040px;margin:0 auto;padding:1.5rem 1.25rem 3rem}
    h1{font-size:1.7rem;margin:0 0 .25rem}
    h2{font-size:1.35rem;margin:2.2rem 0 .6rem;padding-top:.6rem;border-top:2px solid \(ChartColor.text)}
    h3{font-size:1.1rem;margin:1.6rem 0 .4rem}
    p{margin:.5rem 0;max-width:48rem}
    .subtitle{color:#444;margin:0 0 1rem}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:1rem 0;font-size:.95rem}
    dl.facts dt{font-weight:600}
    dl.facts dd{margin:0;overflow-wrap:anywhere}
    nav{margin:1rem 0;padding:.6rem 1rem;background:#f4f4f4;border-left:4px solid \(SeriesStyle.palette[0])}
    nav ol{margin:.3rem 0;padding-left:1.4rem}
    a{color:#0059a0}
    .table-wrap{overflow-x:auto;margin:1rem 0}
    table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.92rem}
    caption{caption-side:top;text-align:left;font-weight:600;padding:.3rem 0 .5rem}
    th,td{padding:.3rem .5rem;border-bottom:1px solid #d0d0d0;text-align:right;vertical-align:top;white-space:nowrap}
    thead th{border-bottom:2px solid \(ChartColor.text);vertical-align:bottom;white-space:normal}
    th[scope=row]{text-align:left;font-weight:600;white-space:normal;min-width:8rem;max-width:16rem;overflow-wrap:anywhere}
    thead th:first-child{text-align:left}
    figure{margin:1.2rem 0 1.8rem;break-inside:avoid;page-break-inside:avoid}
    figure svg{display:block;max-width:100%;height:auto}
    figcaption{font-size:.9rem;color:#333;margin-top:.35rem;max-width:48rem}
    .note{font-size:.92rem;color:#333}
    svg .hover rect:hover{fill-opacity:.07}
    footer{margin-top:3rem;padding-top:.6rem;border-top:1px solid #d0d0d0;font-size:.85rem;color:#444}
    @media print{
      body{font-size:11pt}
      main{max-width:none;padding:0}
      nav{display:none}
      a{color:inherit;text-decoration:none}
      h2{break-after:avoid}
      table,figure{break-inside:avoid;page-break-inside:avoid}
    }
    """

  /// The render check (see the type's description).
  static let script = """
    (function(){var d=document.documentElement;d.dataset.scriptErrors="0";d.dataset.blockedResources="0";\
    function count(k){d.dataset[k]=String(Number(d.dataset[k])+1);}\
    window.addEventListener("error",function(){count("scriptErrors");},true);\
    document.addEventListener("securitypolicyviolation",function(){count("blockedResources");});\
    window.addEventListener("load",function(){d.dataset.charts=String(document.querySelectorAll("svg.chart").length);\
    d.dataset.rendered="true";});})();
    """

  /// The whole page.
  public func rendered() -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    if let generator { out += "<meta name=\"generator\" content=\"\(Markup.escape(generator))\">\n" }
    out += "<title>\(Markup.escape(title))</title>\n<script>\(Self.script)</script>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n<main>\n"
    out += "<header>\n<h1>\(Markup.escape(title))</h1>\n"
    if let subtitle { out += "<p class=\"subtitle\">\(Markup.escape(subtitle))</p>\n" }
    if !facts.isEmpty {
      out += "<dl class=\"facts\">\n"
      for fact in facts { out += "<dt>\(Markup.escape(fact.name))</dt><dd>\(Markup.escape(fact.value))</dd>\n" }
      out += "</dl>\n"
    }
    out += "</header>\n"
    if sections.count > 1 {
      out += "<nav aria-label=\"Contents\"><strong>Contents</strong>\n<ol>\n"
      for section in sections {
        out += "<li><a href=\"#\(Markup.identifier(section.id))\">\(Markup.escape(section.title))</a></li>\n"
      }
      out += "</ol>\n</nav>\n"
    }
    for section in sections { out += section.rendered() }
    if let footer { out += "<footer>\n<p>\(Markup.escape(footer))</p>\n</footer>\n" }
    return out + "</main>\n</body>\n</html>\n"
  }
}

/// A section of a page: an `<h2>` and its blocks.
public struct HTMLSection: Hashable, Sendable {
  /// The fragment id (made safe with ``Markup/identifier(_:)``), for the contents' links.
  public var id: String
  public var title: String
  public var blocks: [HTMLBlock]

  public init(id: String, title: String, blocks: [HTMLBlock] = []) {
    self.id = id
    self.title = title
    self.blocks = blocks
  }

  func rendered() -> String {
    var out = "<section id=\"\(Markup.identifier(id))\">\n<h2>\(Markup.escape(title))</h2>\n"
    for block in blocks { out += block.rendered() }
    return out + "</section>\n"
  }
}

/// A piece of a section.
public enum HTMLBlock: Hashable, Sendable {
  /// An `<h3>`.
  case heading(String)
  /// A paragraph of plain text.
  case paragraph(String)
  /// A paragraph in smaller type (how to read what follows, caveats).
  case note(String)
  case table(HTMLTable)
  /// A chart (the `<svg>` markup of ``LineChart``, ``BarChart`` or ``DotChart``, inserted as it is)
  /// with a caption in plain text.
  case figure(svg: String, caption: String)

  func rendered() -> String {
    switch self {
    case .heading(let text): "<h3>\(Markup.escape(text))</h3>\n"
    case .paragraph(let text): "<p>\(Markup.escape(text))</p>\n"
    case .note(let text): "<p class=\"note\">\(Markup.escape(text))</p>\n"
    case .table(let table): table.rendered()
    case .figure(let svg, let caption): "<figure>\n\(svg)\n<figcaption>\(Markup.escape(caption))</figcaption>\n</figure>\n"
    }
  }
}

/// A table with a caption, column headers (`<th scope="col">`) and a header cell per row
/// (`<th scope="row">`). Cells are plain text; numbers are right-aligned.
///
///     var table = HTMLTable(caption: "Day totals (mean ± 95% CI half-width)",
///                           columns: ["", "Service level (%)", "ASA (s)"])
///     table.rows.append(HTMLTable.Row(header: "billing", cells: ["81.2 ± 2.0", "14.1 ± 1.3"]))
public struct HTMLTable: Hashable, Sendable {
  public struct Row: Hashable, Sendable {
    public var header: String
    public var cells: [String]

    public init(header: String, cells: [String]) {
      self.header = header
      self.cells = cells
    }
  }

  public var caption: String
  /// The column headers, the first one over the row headers.
  public var columns: [String]
  public var rows: [Row]

  public init(caption: String, columns: [String], rows: [Row] = []) {
    self.caption = caption
    self.columns = columns
    self.rows = rows
  }

  func rendered() -> String {
    var out = "<div class=\"table-wrap\"><table>\n<caption>\(Markup.escape(caption))</caption>\n<thead><tr>"
    for column in columns { out += "<th scope=\"col\">\(Markup.escape(column))</th>" }
    out += "</tr></thead>\n<tbody>\n"
    for row in rows {
      precondition(row.cells.count == columns.count - 1, "a row needs \(columns.count - 1) cells")
      out += "<tr><th scope=\"row\">\(Markup.escape(row.header))</th>"
      for cell in row.cells { out += "<td>\(Markup.escape(cell))</td>" }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table></div>\n"
  }
}
