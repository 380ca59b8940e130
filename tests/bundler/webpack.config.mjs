// webpack 5 build of src/index.js into target/bundler-test/ (repository
// root). `mfalint` is the file:../../pkg devDependency, so it resolves
// through pkg/package.json's `exports` like an installed package.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  target: 'web',
  context: fileURLToPath(new URL('.', import.meta.url)),
  entry: './src/index.js',
  output: {
    path: fileURLToPath(new URL('../../target/bundler-test/', import.meta.url)),
    filename: 'main.js',
    publicPath: '/',
    clean: true,
  },
  experiments: { asyncWebAssembly: true },
  performance: { hints: false },
};
