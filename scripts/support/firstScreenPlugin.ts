import { build as esbuild } from 'esbuild';
import { createServer, type HtmlTagDescriptor, type Plugin } from 'vite';
import type * as FirstScreenForm from '../../src/firstScreen/firstScreenForm';
import type * as RenderFirstScreen from '../../src/firstScreen/renderFirstScreen';

/** The page's first script, as built (hashed name in assets/). */
const SCRIPT_NAME = 'first-screen.js';

/**
 * A first visit's first screen in index.html: the build renders the app's first render of a first visit
 * (src/firstScreen/renderFirstScreen.tsx) for each language and header layout into `<template>`s, and a
 * small classic script right after #root (src/firstScreen/showFirstScreen.ts) puts the one that fits in
 * place while the page is parsed. A new learner on a slow phone reads the lesson's opening lines as soon
 * as the page and its stylesheet are in, not once the app's code has arrived and run (Lighthouse's
 * largest contentful paint). The app's first render then replaces them with the same elements.
 */
export function firstScreen(): Plugin {
  let root = process.cwd();
  let base = '/';
  let templates: readonly HtmlTagDescriptor[] = [];
  return {
    name: 'ftp-flow-lab:first-screen',
    apply: 'build',
    configResolved: (config) => {
      root = config.root;
      base = config.base;
    },
    async buildStart() {
      const [script, rendered] = await Promise.all([buildScript(root), renderTemplates(root)]);
      templates = rendered;
      this.emitFile({ type: 'asset', name: SCRIPT_NAME, source: script });
    },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, { bundle }) => {
        const script = Object.values(bundle ?? {}).find(
          (file) => file.type === 'asset' && file.names.includes(SCRIPT_NAME),
        );
        if (!script) throw new Error(`the build has no ${SCRIPT_NAME}`);
        return [
          // A template renders nothing: only the script's pick is ever drawn.
          ...templates,
          { tag: 'script', attrs: { src: `${base}${script.fileName}` }, injectTo: 'body' },
        ];
      },
    },
  };
}

/** showFirstScreen.ts and what it imports as one classic script: no module, so it runs before the paint. */
async function buildScript(root: string): Promise<string> {
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: ['src/firstScreen/showFirstScreen.ts'],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild wrote no first-screen script');
  return file.text;
}

/** Every first screen, rendered by the app's own components through Vite's server-side module loader. */
async function renderTemplates(root: string): Promise<HtmlTagDescriptor[]> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const forms = (await server.ssrLoadModule(
      '/src/firstScreen/firstScreenForm.ts',
    )) as typeof FirstScreenForm;
    const { renderFirstScreen } = (await server.ssrLoadModule(
      '/src/firstScreen/renderFirstScreen.tsx',
    )) as typeof RenderFirstScreen;
    const templates: HtmlTagDescriptor[] = [];
    // One at a time: each render sets the app's store and the media it assumes.
    for (const screen of forms.FIRST_SCREENS)
      templates.push({
        tag: 'template',
        attrs: { id: forms.firstScreenTemplateId(screen) },
        children: await renderFirstScreen(screen),
        injectTo: 'body',
      });
    return templates;
  } finally {
    await server.close();
  }
}
