export * from './model';
export * from './method';
export * from './methods';
export * from './transport';
export * from './history';
export * from './methods/actions';
export * from './methods/settings';
export * from './figures';
