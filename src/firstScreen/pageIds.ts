/*
 * What index.html (as the build writes it, vite.config.ts) and the page's scripts share. No imports:
 * vite.config.ts reads it.
 */

/** The `<template>` in the page's head that holds the app's module preloads. */
export const APP_PRELOADS_ID = 'app-preloads';

/** Set on #root while it holds a drawn first screen: the entry asks for the app once that is painted. */
export const FIRST_SCREEN_ATTRIBUTE = 'data-first-screen';
