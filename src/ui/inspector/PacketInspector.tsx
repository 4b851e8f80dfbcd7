import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPacketEvent, type HostId } from '../../engine';
import { selectCurrentEvent } from '../../store/selectors';
import { useSimWhileSeen } from '../useSimWhileSeen';
import { narrationText } from '../narration/localizeParams';
import { EventDetails } from './EventDetails';
import './inspector.css';
import type { LayerId } from './packetLayers';
import { PacketDetails } from './PacketDetails';

/** Ethernet is the least interesting layer for FTP: folded away until asked for. */
const OPEN_AT_START: readonly LayerId[] = ['ip', 'ip6', 'tcp', 'ftp', 'ftpData', 'tls'];

/**
 * The current step in detail, like Wireshark's packet details and bytes panes: a packet's layers at the
 * client and at the server (before and after NAT), its raw bytes, or what a non-packet step is; and the
 * step's explanation. Which layers are open and where the bytes are captured stay as chosen while stepping.
 */
export function PacketInspector() {
  const { t } = useTranslation();
  // Below the first screen: it follows the step in a render of its own, after the diagram and the
  // narration have moved, at low priority and interruptible (a packet's layers and bytes are many rows);
  // and not at all while a replay plays with the inspector off screen.
  const [eventShown, setPanel] = useSimWhileSeen(selectCurrentEvent);
  const event = useDeferredValue(eventShown);
  const [open, setOpen] = useState<ReadonlySet<LayerId>>(() => new Set(OPEN_AT_START));
  const [point, setPoint] = useState<HostId | undefined>(undefined);
  const toggle = useCallback(
    (layer: LayerId) =>
      setOpen((was) => {
        const next = new Set(was);
        if (!next.delete(layer)) next.add(layer);
        return next;
      }),
    [],
  );
  // Made again only for another step (or a choice made here): the step's first, urgent render, which
  // still shows the step before, leaves the inspector as it was.
  return useMemo(
    () =>
      event ? (
        <section ref={setPanel} className="inspector" aria-labelledby="inspector-heading">
          <h2 id="inspector-heading">{t('inspector.heading')}</h2>
          <p className="inspector-kind">
            {t('inspector.stepKind', { step: event.index + 1, kind: t(`inspector.kinds.${event.kind}`) })}
          </p>
          {isPacketEvent(event) ? (
            // Kept from step to step, not made again: React changes the texts that differ, and the field
            // pointed at stays pointed at, as in Wireshark's details pane when the next packet is selected.
            <PacketDetails
              event={event}
              open={open}
              onToggle={toggle}
              preferredPoint={point}
              onChoosePoint={setPoint}
            />
          ) : (
            <EventDetails event={event} />
          )}
          <section className="inspector-explanation" aria-labelledby="inspector-explanation-heading">
            <h3 id="inspector-explanation-heading">{t('inspector.explanation')}</h3>
            <p>{narrationText(event, t)}</p>
          </section>
        </section>
      ) : null,
    [event, open, point, toggle, t, setPanel],
  );
}
