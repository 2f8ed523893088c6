package org.bnkit.plot;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Tablesaw tables as HTML, for {@code display(Tables.html(table), "text/html")} in a notebook.
 */
public final class Tables {
    private Tables() {
    }

    /**
     * A column of numbers shown with {@code decimals} digits after the point; the values keep
     * their full precision (a check can still read them), only the display is rounded.
     */
    public static DoubleColumn numbers(String name, int decimals, double... values) {
        DoubleColumn column = DoubleColumn.create(name, values);
        column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
        return column;
    }

    /** An HTML table with the table's name as caption and one header row. */
    public static String html(Table table) {
        StringBuilder s = new StringBuilder("<table>");
        if (table.name() != null && !table.name().isEmpty()) {
            s.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        s.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            s.append("<th>").append(escape(c.name())).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            s.append("<tr>");
            for (Column<?> c : table.columns()) {
                s.append("<td>").append(escape(c.getString(r))).append("</td>");
            }
            s.append("</tr>");
        }
        return s.append("</tbody></table>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
