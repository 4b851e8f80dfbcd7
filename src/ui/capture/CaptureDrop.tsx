import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { openCaptureFile } from './captureEntry';
import './captureDrop.css';

const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;

/**
 * A file dragged over the page, on any view, shows where to drop it; dropped, it is opened as a capture.
 * Dragging is one way in; the header's "Open a capture…" button is the other (and the keyboard's).
 */
export function CaptureDrop() {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed: count them to know when the page is left.
    let depth = 0;
    const onEnter = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      depth++;
      setOver(true);
    };
    const onLeave = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onOver = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      // Without this the browser would open the file itself, leaving the app.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent): void => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) openCaptureFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!over) return null;
  return (
    <div className="capture-drop" aria-hidden="true">
      <p>{t('shell.capture.dropHere')}</p>
    </div>
  );
}
