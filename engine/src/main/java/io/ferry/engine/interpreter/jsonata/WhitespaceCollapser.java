package io.ferry.engine.interpreter.jsonata;

import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * turndown's {@code collapseWhitespace}: runs of spaces, tabs and newlines in text become one space, a space is dropped
 * after another or at a block's edge, comments and other non-text nodes are removed; {@code <pre>} is left alone.
 */
final class WhitespaceCollapser {
  private static final java.util.regex.Pattern RUNS = java.util.regex.Pattern.compile("[ \\r\\n\\t]+");
  private WhitespaceCollapser() {
  }

  static void collapse(Node root) {
    if (root.childNodeSize() == 0 || isPre(root)) {
      return;
    }
    TextNode prevText = null;
    boolean keepLeadingWs = false;
    Node prev = null;
    Node node = next(null, root);
    while (node != root && node != null) {
      if (node instanceof TextNode t && !(t instanceof CDataNode) || node instanceof CDataNode) {
        TextNode tn = (TextNode) node;
        String text = RUNS.matcher(tn.getWholeText()).replaceAll(" ");
        if ((prevText == null || prevText.getWholeText().endsWith(" ")) && !keepLeadingWs && text.startsWith(" ")) {
          text = text.substring(1);
        }
        if (text.isEmpty()) {
          node = remove(node);
          continue;
        }
        tn.text(text);
        prevText = tn;
      } else if (node instanceof Element e) {
        String name = e.normalName();
        if (HtmlToMarkdown.BLOCK.contains(name) || name.equals("br")) {
          if (prevText != null) {
            prevText.text(prevText.getWholeText().replaceFirst(" $", ""));
          }
          prevText = null;
          keepLeadingWs = false;
        } else if (HtmlToMarkdown.VOID.contains(name) || isPre(e)) {
          prevText = null;
          keepLeadingWs = true;
        } else if (prevText != null) {
          keepLeadingWs = false;
        }
      } else {
        node = remove(node);
        continue;
      }
      Node nextNode = next(prev, node);
      prev = node;
      node = nextNode;
    }
    if (prevText != null) {
      prevText.text(prevText.getWholeText().replaceFirst(" $", ""));
      if (prevText.getWholeText().isEmpty()) {
        remove(prevText);
      }
    }
  }

  private static Node remove(Node node) {
    Node next = node.nextSibling() != null ? node.nextSibling() : node.parentNode();
    node.remove();
    return next;
  }

  private static Node next(Node prev, Node current) {
    if (prev != null && prev.parentNode() == current || isPre(current)) {
      return current.nextSibling() != null ? current.nextSibling() : current.parentNode();
    }
    if (current.childNodeSize() > 0) {
      return current.childNode(0);
    }
    return current.nextSibling() != null ? current.nextSibling() : current.parentNode();
  }

  private static boolean isPre(Node n) {
    return n instanceof Element e && e.normalName().equals("pre");
  }
}
