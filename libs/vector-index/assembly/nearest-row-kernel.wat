;; Nearest-row kernels (see nearest-row-kernel.ts): the index of the row x minimising |x|² − 2·q·x (the
;; nearest row to q; the first on ties) without writing the distances out, the inner loop of k-means
;; assignment. `count` ≥ 1. Four rows per pass, so each query load serves four rows; the two functions
;; are the same loop on f32 rows and on i8 code rows.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; f32 rows of `steps` × 4 floats and their f32 squared norms.
  (func (export "nearestRow")
    (param $query i32) (param $rows i32) (param $norms i32) (param $count i32) (param $steps i32)
    (result i32)
    (local $step i32) (local $queryAt i32) (local $best i32) (local $index i32)
    (local $row1 i32) (local $row2 i32) (local $row3 i32) (local $strideBytes i32)
    (local $bestDistance f32) (local $distance f32)
    (local $sum0 v128) (local $sum1 v128) (local $sum2 v128) (local $sum3 v128) (local $queryLanes v128)
    (local.set $strideBytes (i32.shl (local.get $steps) (i32.const 4)))
    (local.set $bestDistance (f32.const inf))
    (block $done
      (loop $nextPass
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        ;; The four rows of this pass: $rows and the next three; past the last row they repeat it.
        (local.set $row1 (select
          (i32.add (local.get $rows) (local.get $strideBytes))
          (local.get $rows)
          (i32.gt_s (local.get $count) (i32.const 1))))
        (local.set $row2 (select
          (i32.add (local.get $row1) (local.get $strideBytes))
          (local.get $row1)
          (i32.gt_s (local.get $count) (i32.const 2))))
        (local.set $row3 (select
          (i32.add (local.get $row2) (local.get $strideBytes))
          (local.get $row2)
          (i32.gt_s (local.get $count) (i32.const 3))))
        (local.set $sum0 (v128.const i32x4 0 0 0 0))
        (local.set $sum1 (v128.const i32x4 0 0 0 0))
        (local.set $sum2 (v128.const i32x4 0 0 0 0))
        (local.set $sum3 (v128.const i32x4 0 0 0 0))
        (local.set $queryAt (local.get $query))
        (local.set $step (local.get $steps))
        ;; sum r += query lanes · row r lanes: each query load serves four rows.
        (loop $nextStep
          (local.set $queryLanes (v128.load (local.get $queryAt)))
          (local.set $sum0 (f32x4.add (local.get $sum0)
            (f32x4.mul (local.get $queryLanes) (v128.load (local.get $rows)))))
          (local.set $sum1 (f32x4.add (local.get $sum1)
            (f32x4.mul (local.get $queryLanes) (v128.load (local.get $row1)))))
          (local.set $sum2 (f32x4.add (local.get $sum2)
            (f32x4.mul (local.get $queryLanes) (v128.load (local.get $row2)))))
          (local.set $sum3 (f32x4.add (local.get $sum3)
            (f32x4.mul (local.get $queryLanes) (v128.load (local.get $row3)))))
          (local.set $queryAt (i32.add (local.get $queryAt) (i32.const 16)))
          (local.set $rows (i32.add (local.get $rows) (i32.const 16)))
          (local.set $row1 (i32.add (local.get $row1) (i32.const 16)))
          (local.set $row2 (i32.add (local.get $row2) (i32.const 16)))
          (local.set $row3 (i32.add (local.get $row3) (i32.const 16)))
          (br_if $nextStep (local.tee $step (i32.sub (local.get $step) (i32.const 1)))))
        ;; Row r's distance is norm − 2·sum r. Keep each row of the pass that exists and is nearer than the
        ;; best so far (strictly: the first on ties).
        (if (i32.gt_s (local.get $count) (i32.const 0))
          (then
            (local.set $distance
              (f32.sub
                (f32.load (local.get $norms))
                (f32.mul
                  (f32.add
                    (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (f32x4.extract_lane 1 (local.get $sum0)))
                    (f32.add (f32x4.extract_lane 2 (local.get $sum0)) (f32x4.extract_lane 3 (local.get $sum0))))
                  (f32.const 2))))
            (if (f32.lt (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (local.get $index))))))
        (if (i32.gt_s (local.get $count) (i32.const 1))
          (then
            (local.set $distance
              (f32.sub
                (f32.load offset=4 (local.get $norms))
                (f32.mul
                  (f32.add
                    (f32.add (f32x4.extract_lane 0 (local.get $sum1)) (f32x4.extract_lane 1 (local.get $sum1)))
                    (f32.add (f32x4.extract_lane 2 (local.get $sum1)) (f32x4.extract_lane 3 (local.get $sum1))))
                  (f32.const 2))))
            (if (f32.lt (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (i32.add (local.get $index) (i32.const 1)))))))
        (if (i32.gt_s (local.get $count) (i32.const 2))
          (then
            (local.set $distance
              (f32.sub
                (f32.load offset=8 (local.get $norms))
                (f32.mul
                  (f32.add
                    (f32.add (f32x4.extract_lane 0 (local.get $sum2)) (f32x4.extract_lane 1 (local.get $sum2)))
                    (f32.add (f32x4.extract_lane 2 (local.get $sum2)) (f32x4.extract_lane 3 (local.get $sum2))))
                  (f32.const 2))))
            (if (f32.lt (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (i32.add (local.get $index) (i32.const 2)))))))
        (if (i32.gt_s (local.get $count) (i32.const 3))
          (then
            (local.set $distance
              (f32.sub
                (f32.load offset=12 (local.get $norms))
                (f32.mul
                  (f32.add
                    (f32.add (f32x4.extract_lane 0 (local.get $sum3)) (f32x4.extract_lane 1 (local.get $sum3)))
                    (f32.add (f32x4.extract_lane 2 (local.get $sum3)) (f32x4.extract_lane 3 (local.get $sum3))))
                  (f32.const 2))))
            (if (f32.lt (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (i32.add (local.get $index) (i32.const 3)))))))
        ;; $row3 now points past the pass: the next pass starts there.
        (local.set $rows (local.get $row3))
        (local.set $norms (i32.add (local.get $norms) (i32.const 16)))
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 4)))
        (br $nextPass)))
    (local.get $best))

  ;; i8 code rows of `steps` × 8 bytes and a code query (one scale, so code distances rank like real
  ;; ones), i32 norms Σc². Reads four times fewer bytes than nearestRow, 8 multiply-adds an instruction.
  (func (export "nearestCode")
    (param $query i32) (param $rows i32) (param $norms i32) (param $count i32) (param $steps i32)
    (result i32)
    (local $step i32) (local $queryAt i32) (local $best i32) (local $index i32)
    (local $row1 i32) (local $row2 i32) (local $row3 i32) (local $strideBytes i32)
    (local $bestDistance i32) (local $distance i32)
    (local $sum0 v128) (local $sum1 v128) (local $sum2 v128) (local $sum3 v128) (local $queryLanes v128)
    (local.set $strideBytes (i32.shl (local.get $steps) (i32.const 3)))
    (local.set $bestDistance (i32.const 0x7fffffff))
    (block $done
      (loop $nextPass
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        ;; The four rows of this pass: $rows and the next three; past the last row they repeat it.
        (local.set $row1 (select
          (i32.add (local.get $rows) (local.get $strideBytes))
          (local.get $rows)
          (i32.gt_s (local.get $count) (i32.const 1))))
        (local.set $row2 (select
          (i32.add (local.get $row1) (local.get $strideBytes))
          (local.get $row1)
          (i32.gt_s (local.get $count) (i32.const 2))))
        (local.set $row3 (select
          (i32.add (local.get $row2) (local.get $strideBytes))
          (local.get $row2)
          (i32.gt_s (local.get $count) (i32.const 3))))
        (local.set $sum0 (v128.const i32x4 0 0 0 0))
        (local.set $sum1 (v128.const i32x4 0 0 0 0))
        (local.set $sum2 (v128.const i32x4 0 0 0 0))
        (local.set $sum3 (v128.const i32x4 0 0 0 0))
        (local.set $queryAt (local.get $query))
        (local.set $step (local.get $steps))
        ;; sum r += query lanes · row r lanes: each query load serves four rows.
        (loop $nextStep
          (local.set $queryLanes (v128.load8x8_s (local.get $queryAt)))
          (local.set $sum0 (i32x4.add (local.get $sum0)
            (i32x4.dot_i16x8_s (local.get $queryLanes) (v128.load8x8_s (local.get $rows)))))
          (local.set $sum1 (i32x4.add (local.get $sum1)
            (i32x4.dot_i16x8_s (local.get $queryLanes) (v128.load8x8_s (local.get $row1)))))
          (local.set $sum2 (i32x4.add (local.get $sum2)
            (i32x4.dot_i16x8_s (local.get $queryLanes) (v128.load8x8_s (local.get $row2)))))
          (local.set $sum3 (i32x4.add (local.get $sum3)
            (i32x4.dot_i16x8_s (local.get $queryLanes) (v128.load8x8_s (local.get $row3)))))
          (local.set $queryAt (i32.add (local.get $queryAt) (i32.const 8)))
          (local.set $rows (i32.add (local.get $rows) (i32.const 8)))
          (local.set $row1 (i32.add (local.get $row1) (i32.const 8)))
          (local.set $row2 (i32.add (local.get $row2) (i32.const 8)))
          (local.set $row3 (i32.add (local.get $row3) (i32.const 8)))
          (br_if $nextStep (local.tee $step (i32.sub (local.get $step) (i32.const 1)))))
        ;; Row r's distance is norm − 2·sum r. Keep each row of the pass that exists and is nearer than the
        ;; best so far (strictly: the first on ties).
        (if (i32.gt_s (local.get $count) (i32.const 0))
          (then
            (local.set $distance
              (i32.sub
                (i32.load (local.get $norms))
                (i32.shl
                  (i32.add
                    (i32.add (i32x4.extract_lane 0 (local.get $sum0)) (i32x4.extract_lane 1 (local.get $sum0)))
                    (i32.add (i32x4.extract_lane 2 (local.get $sum0)) (i32x4.extract_lane 3 (local.get $sum0))))
                  (i32.const 1))))
            (if (i32.lt_s (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (local.get $index))))))
        (if (i32.gt_s (local.get $count) (i32.const 1))
          (then
            (local.set $distance
              (i32.sub
                (i32.load offset=4 (local.get $norms))
                (i32.shl
                  (i32.add
                    (i32.add (i32x4.extract_lane 0 (local.get $sum1)) (i32x4.extract_lane 1 (local.get $sum1)))
                    (i32.add (i32x4.extract_lane 2 (local.get $sum1)) (i32x4.extract_lane 3 (local.get $sum1))))
                  (i32.const 1))))
            (if (i32.lt_s (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (i32.add (local.get $index) (i32.const 1)))))))
        (if (i32.gt_s (local.get $count) (i32.const 2))
          (then
            (local.set $distance
              (i32.sub
                (i32.load offset=8 (local.get $norms))
                (i32.shl
                  (i32.add
                    (i32.add (i32x4.extract_lane 0 (local.get $sum2)) (i32x4.extract_lane 1 (local.get $sum2)))
                    (i32.add (i32x4.extract_lane 2 (local.get $sum2)) (i32x4.extract_lane 3 (local.get $sum2))))
                  (i32.const 1))))
            (if (i32.lt_s (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (i32.add (local.get $index) (i32.const 2)))))))
        (if (i32.gt_s (local.get $count) (i32.const 3))
          (then
            (local.set $distance
              (i32.sub
                (i32.load offset=12 (local.get $norms))
                (i32.shl
                  (i32.add
                    (i32.add (i32x4.extract_lane 0 (local.get $sum3)) (i32x4.extract_lane 1 (local.get $sum3)))
                    (i32.add (i32x4.extract_lane 2 (local.get $sum3)) (i32x4.extract_lane 3 (local.get $sum3))))
                  (i32.const 1))))
            (if (i32.lt_s (local.get $distance) (local.get $bestDistance))
              (then
                (local.set $bestDistance (local.get $distance))
                (local.set $best (i32.add (local.get $index) (i32.const 3)))))))
        ;; $row3 now points past the pass: the next pass starts there.
        (local.set $rows (local.get $row3))
        (local.set $norms (i32.add (local.get $norms) (i32.const 16)))
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 4)))
        (br $nextPass)))
    (local.get $best)))
