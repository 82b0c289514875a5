import NodeValue from '../expressions/dataTypes/NodeValue';

/**
 * Node values are cached so that the same node always yields the same value (identity matters
 * for `is` and deduplication). Weak maps are a great choice here: the cache must not keep the
 * nodes alive.
 */
const nodeValueCache = new Map<Node, NodeValue>();

export function createNodeValue(node: Node): NodeValue {
  let value = nodeValueCache.get(node);
  if (!value) {
    value = new NodeValue(node);
    nodeValueCache.set(node, value);
  }
  return value;
}
