import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPacketEvent } from '../../../src/engine';
import { parseScenario } from '../../../src/engine/validation';
import { createI18n } from '../../../src/i18n';
import { useSim } from '../../../src/store/simStore';
import {
  FALLBACK_FONT,
  pngScale,
  serializeLadderSvg,
  viewBoxSize,
  type LadderSvgParts,
} from '../../../src/ui/export/svgExport';
import { Ladder } from '../../../src/ui/ladder/Ladder';

function renderedLadder(): LadderSvgParts {
  const { container } = render(
    <I18nextProvider i18n={createI18n('en')}>
      <Ladder />
    </I18nextProvider>,
  );
  const header = container.querySelector<SVGSVGElement>('.ladder-head svg');
  const body = container.querySelector<SVGSVGElement>('.ladder-canvas svg');
  if (!header || !body) throw new Error('ladder not rendered');
  return { header, body };
}

function parse(markup: string): Document {
  return new DOMParser().parseFromString(markup, 'image/svg+xml');
}

beforeEach(() => {
  useSim.setState(useSim.getInitialState(), true);
  const parsed = parseScenario({ clientFirewall: 'stateful', server: { connectTimeout: 5 } });
  if (!parsed.ok) throw new Error('bad scenario');
  act(() => useSim.getState().setScenario(parsed.scenario));
});

afterEach(cleanup);

describe('the ladder as a standalone SVG file', () => {
  it('is well-formed XML: one SVG root in the SVG namespace, sized from the two parts', () => {
    const parts = renderedLadder();
    const { markup, width, height } = serializeLadderSvg(parts, { title: 'Ladder & <test>' });
    expect(markup.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const doc = parse(markup);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(width).toBe(viewBoxSize(parts.body).width);
    expect(height).toBe(viewBoxSize(parts.header).height + viewBoxSize(parts.body).height);
    expect(root.getAttribute('width')).toBe(String(width));
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
    expect(root.querySelector('title')?.textContent).toBe('Ladder & <test>');
  });

  it('carries every arrow with its label, the crosses and the rule, and the legend', () => {
    const { markup } = serializeLadderSvg(renderedLadder(), { title: 'x' });
    const doc = parse(markup);
    const arrows = Array.from(doc.querySelectorAll('g[data-kind="arrow"]'));
    expect(arrows).toHaveLength(useSim.getState().events.filter(isPacketEvent).length);
    const labels = arrows.map((g) => g.querySelector('text')?.textContent);
    expect(labels).toContain('SYN');
    expect(labels).toContain('425 Failed to establish connection.');
    const dropped = arrows.filter((g) => g.getAttribute('data-end') === 'dropped');
    expect(dropped).toHaveLength(5);
    expect(dropped[0]?.textContent).toContain('dropped by -P INPUT DROP');
    expect(doc.documentElement.textContent).toContain('control connection');
    expect(doc.documentElement.textContent).toContain('Client');
    // Colours and dashes are attributes, not page CSS: the file looks the same on its own.
    const dataLine = doc.querySelector('g[data-kind="arrow"][data-conn="data"] line');
    expect(dataLine?.getAttribute('stroke')).toMatch(/^#[0-9a-f]{6}$/);
    expect(dataLine?.getAttribute('stroke-dasharray')).toBeTruthy();
  });

  it('puts the page font into an embedded style, a white background under everything, and the diagram below the header', () => {
    const { markup } = serializeLadderSvg(renderedLadder(), { title: 'x', fontFamily: 'Inter, sans-serif' });
    const root = parse(markup).documentElement;
    expect(root.querySelector('style')?.textContent).toBe('text { font-family: Inter, sans-serif; }');
    const rect = root.querySelector(':scope > rect');
    expect(rect?.getAttribute('fill')).toBe('#ffffff');
    const groups = root.querySelectorAll(':scope > g');
    expect(groups).toHaveLength(2);
    expect(groups[1]?.getAttribute('transform')).toMatch(/^translate\(0 \d+(\.\d+)?\)$/);
  });

  it('falls back to a system font stack and keeps a hostile font name from closing the style', () => {
    const parts = renderedLadder();
    expect(serializeLadderSvg(parts, { title: 'x' }).markup).toContain(FALLBACK_FONT);
    const { markup } = serializeLadderSvg(parts, { title: 'x', fontFamily: 'a}</style><script>x</script>' });
    const doc = parse(markup);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
  });
});

describe('viewBoxSize', () => {
  it('reads the viewBox and refuses an SVG without one', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 780 1200.5');
    expect(viewBoxSize(svg)).toEqual({ width: 780, height: 1200.5 });
    svg.removeAttribute('viewBox');
    expect(() => viewBoxSize(svg)).toThrow(/viewBox/);
  });
});

describe('pngScale', () => {
  it('draws at twice the size when the canvas allows it', () => {
    expect(pngScale(780, 2000)).toBe(2);
  });
  it('scales down a very tall ladder to the browser canvas limits', () => {
    const scale = pngScale(780, 20_000);
    expect(20_000 * scale).toBeLessThanOrEqual(32_767);
    expect(scale).toBeLessThan(2);
    const huge = pngScale(20_000, 20_000);
    expect(20_000 * 20_000 * huge * huge).toBeLessThanOrEqual(268_000_000);
  });
});
