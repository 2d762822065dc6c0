import Foundation
import TalentStore

/// A roster as one self-contained, printable HTML page: A4 landscape, the header row repeated on
/// every printed page, page numbers in the page margin (`@page` margin boxes, printed by browsers
/// that support them) and a footer that every browser prints. Every text is HTML-escaped.
enum RosterHTML {
    static func page(_ roster: Roster) -> String {
        let columns = RosterColumns.printed
        var html = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(escape(roster.title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <header>
            <h1>\(escape(roster.title))</h1>
            <p class="meta"><span>筛选条件：\(escape(roster.filterSummary))</span><span>生成时间：\(escape(roster.generatedAtText))</span><span>共 \(roster.rows.count) 人\(roster.piiMasked ? "（身份证号、手机号已遮蔽）" : "")</span></p>
            </header>
            <table>
            <thead>
            <tr><th>序号</th>
            """
        for column in columns { html += "<th>\(escape(column.header))</th>" }
        html += "</tr>\n</thead>\n<tbody>\n"
        for (index, row) in roster.rows.enumerated() {
            html += "<tr><td class=\"n\">\(index + 1)</td>"
            for column in columns {
                html += "<td>"
                html += escape(column.value(row))
                if column.header == RosterColumns.enterprise.header, let code = row.enterpriseCode {
                    html += "<br><small>\(escape(code))</small>"
                }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        if roster.rows.isEmpty {
            html += "<tr><td colspan=\"\(columns.count + 1)\" class=\"empty\">没有符合条件的学员</td></tr>\n"
        }
        html += """
            </tbody>
            </table>
            <footer>\(escape(Roster.baseName)) · \(escape(roster.cohortName)) 学员名册 · 生成于 \(escape(roster.generatedAtText))</footer>
            </body>
            </html>

            """
        return html
    }

    static let style = """
        @page {
          size: A4 landscape;
          margin: 12mm 10mm 14mm 10mm;
          @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8pt; }
        }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
               font-size: 8pt; color: #000; margin: 0; }
        h1 { font-size: 14pt; text-align: center; margin: 0 0 2mm; }
        .meta { display: flex; justify-content: space-between; gap: 4mm; margin: 0 0 2mm; font-size: 8pt; }
        table { width: 100%; border-collapse: collapse; table-layout: auto; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        th, td { border: 0.5pt solid #444; padding: 1mm 1.2mm; vertical-align: top; text-align: left; }
        th { background: #e8e8e8; font-weight: bold; white-space: nowrap; }
        td.n { text-align: right; }
        td.empty { text-align: center; padding: 6mm; }
        small { color: #444; font-size: 7pt; }
        footer { margin-top: 3mm; font-size: 7pt; color: #444; text-align: right; }
        @media print {
          footer { position: fixed; bottom: 0; left: 0; right: 0; margin: 0; }
          th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """

    /// `&`, `<`, `>`, `"` and `'` as character references.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
