export abstract class BoundableStatement<T> {
  declare _statement: T;
}
