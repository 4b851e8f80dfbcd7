/**
 * framer-motion's DOM animation features, in their own module so that `LazyMotion` loads them in a
 * separate chunk after the first paint (the diagram itself uses only the tiny `m` components).
 */
export { domAnimation as default } from 'framer-motion';
