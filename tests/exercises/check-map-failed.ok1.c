#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    int fd = open("/dev/zero", O_RDWR);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        close(fd);
        return 1;
    }
    sprintf(p, "mapped");
    printf("The page says: %s\n", p);
    munmap(p, 4096);
    close(fd);
    return 0;
}
