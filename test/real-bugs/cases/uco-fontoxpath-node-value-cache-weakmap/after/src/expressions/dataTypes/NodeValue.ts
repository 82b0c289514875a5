export default class NodeValue {
  public readonly type = 'node()';
  constructor(public readonly value: Node) {}
}
