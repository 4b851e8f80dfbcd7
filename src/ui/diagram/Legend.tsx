import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ClockIcon,
  ControlMarker,
  DataMarker,
  DropIcon,
  HelperIcon,
  NatIcon,
  RstIcon,
  WallIcon,
} from './icons';

/** One legend swatch: a small SVG of the same glyph the diagram draws. */
function Swatch({ children, wide = false }: { readonly children: React.ReactNode; readonly wide?: boolean }) {
  return (
    <svg
      className="legend-swatch"
      viewBox={wide ? '-22 -12 44 24' : '-12 -12 24 24'}
      width={wide ? 44 : 24}
      height={24}
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** What the shapes, lines and icons mean: every one of them with words, so colour is never the only cue. */
export const Legend = memo(function Legend({ hatchId }: { readonly hatchId: string }) {
  const { t } = useTranslation();
  return (
    <ul className="diagram-legend" aria-label={t('diagram.legend.label')}>
      <li className="legend-control">
        <Swatch wide>
          <line className="legend-line" x1={-20} y1={0} x2={20} y2={0} />
          <ControlMarker />
        </Swatch>
        {t('diagram.legend.control')}
      </li>
      <li className="legend-data">
        <Swatch wide>
          <line className="legend-line" x1={-20} y1={0} x2={20} y2={0} />
          <DataMarker hatchId={hatchId} />
        </Swatch>
        {t('diagram.legend.data')}
      </li>
      <li>
        <Swatch>
          <DropIcon size={1.3} />
        </Swatch>
        {t('diagram.legend.dropped')}
      </li>
      <li>
        <Swatch>
          <RstIcon size={1.3} />
        </Swatch>
        {t('diagram.legend.refused')}
      </li>
      <li>
        <Swatch>
          <NatIcon size={1.2} />
        </Swatch>
        {t('diagram.legend.nat')}
      </li>
      <li>
        <Swatch>
          <WallIcon size={1.2} />
        </Swatch>
        {t('diagram.legend.firewall')}
      </li>
      <li>
        <Swatch>
          <HelperIcon size={1.2} />
        </Swatch>
        {t('diagram.legend.helper')}
      </li>
      <li>
        <Swatch>
          <ClockIcon size={1.2} />
        </Swatch>
        {t('diagram.legend.timer')}
      </li>
    </ul>
  );
});
